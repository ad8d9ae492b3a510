"""Training-time code for the grouping heads (needs torch, the ``export`` extra): labeled episodes, head training,
evaluation against baselines, plots and synthetic episodes. Nothing here runs when a user labels an episode; the
inference side lives in :mod:`svsg_desktop.core.grouping`."""
