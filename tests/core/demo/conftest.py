import pytest

from svsg_desktop.core.demo import espeak_available, make_episode

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")

SMALL = dict(seed=1, minutes=0.5, n_speakers=4, n_lines=9)


@pytest.fixture(scope="session")
def small_episode(tmp_path_factory):
    if not espeak_available():
        pytest.skip("espeak-ng is not installed")
    return make_episode(tmp_path_factory.mktemp("demo_a"), **SMALL)
