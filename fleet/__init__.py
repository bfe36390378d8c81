"""Simulated SAO websites (the sample fleet) served on loopback, with ground truth per item.

Data flow: ``sets`` declares site specs (``spec``) -> ``builder`` builds each site on demand from
its spec and the evaluation date: pages laid out by a CMS family (``families``), Thai texts
(``content``, ``names``, ``thaistyle``, ``items``), documents (``documents``) and, from the same
plan, the ground truth (``truth``) -> ``routes`` answers a request for a built site -> ``server``
serves every site on its own loopback address, playing the network fault modes. ``cli`` and
``probe`` are the ``oit fleet`` commands; ``testing`` backs the pytest fixtures.
"""
