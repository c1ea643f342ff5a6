"""The Hydra configs of ``mds`` (YAML). They extend structured configs made from the library's
dataclasses; importing this package (Hydra does, to read ``pkg://conf``) registers them."""

from experiments.configs import register

register()
