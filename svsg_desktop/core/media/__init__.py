"""Media access: decode the audio once (16 kHz mono), grab frames at reduced resolution, hash content."""

from .audio import SAMPLE_RATE, AudioTrack, decode_audio, open_container
from .frames import FrameGrab, FrameTarget, grab_frames, read_index
from .index import VideoIndex
from .hashing import media_hash

__all__ = ["SAMPLE_RATE", "AudioTrack", "decode_audio", "open_container", "FrameGrab", "FrameTarget",
           "grab_frames", "read_index", "VideoIndex", "media_hash"]
