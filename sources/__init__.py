"""The extractors, contracts and the landing framework: plain Python, no Dagster (see ARCHITECTURE.md)."""

import warnings

# pandera imports pyspark.pandas when pyspark (the spark extra) is installed, and pyspark warns about pandas 3 on
# import; nothing here uses pyspark.pandas, so the warning is noise in every `make run` and `make dev` log.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
