"""The CLI tests reuse the real media fixtures of the feature tests (espeak-ng speech in small real videos)."""

from tests.core.features.conftest import episode, registry, voices  # noqa: F401 - fixtures
