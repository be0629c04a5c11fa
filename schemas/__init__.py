"""Pandera (polars backend) models of the contract's tables: the executable form of tables.md."""

from schemas.tables import (
    MODELS,
    ArticleSchema,
    EventParticipantSchema,
    EventSchema,
    ParticipantSchema,
    QuoteSchema,
    RejectSchema,
)

__all__ = [
    "MODELS",
    "ArticleSchema",
    "EventParticipantSchema",
    "EventSchema",
    "ParticipantSchema",
    "QuoteSchema",
    "RejectSchema",
]
