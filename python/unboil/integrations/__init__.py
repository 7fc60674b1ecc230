"""unboil inside other frameworks, each a thin layer over the batch API.

Each module imports its framework, installed with the matching extra:

- :mod:`unboil.integrations.scrapy`: ``UnboilPipeline``, an item pipeline
  (``pip install 'unboil[scrapy]'``);
- :mod:`unboil.integrations.spark`: ``clean_udf`` and ``clean_partitions``
  for PySpark DataFrames (``pip install 'unboil[spark]'``);
- :mod:`unboil.integrations.datatrove`: ``Unboil``, a datatrove extractor
  (``pip install 'unboil[datatrove]'``).
"""


def missing(extra: str, error: ImportError) -> ImportError:
    """The error raised when an integration's framework is not installed."""
    return ImportError(f"unboil.integrations.{extra} needs its framework: pip install 'unboil[{extra}]' ({error})")
