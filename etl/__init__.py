__version__ = "0.1.0"

from etl.native import activate

# which code runs the extractors: the compiled modules, or why not (see etl/native.py)
RUNTIME = activate(__path__)
