"""The law as data: dated legal regimes (YAML in `regimes/`), their loader and the engine that
judges who may receive which title or award form, and for how much money."""
