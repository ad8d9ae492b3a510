"""Synthetic multi-speaker demo episodes (drawn characters, espeak-ng voices) with ground truth, and the small
prebuilt one shipped in ``resources/demo``."""

from .audio import espeak_available
from .errors import DemoSettingsError, SynthesisError
from .episode import DemoEpisode, make_episode
from .files import TruthLine, read_truth_csv
from .prebuilt import DemoFiles, copy_demo, demo_episode_path, demo_files

__all__ = ["DemoEpisode", "DemoSettingsError", "DemoFiles", "SynthesisError", "TruthLine", "copy_demo",
           "demo_episode_path", "demo_files", "espeak_available", "make_episode", "read_truth_csv"]
