"""Steps for pipeline engines: ``cleanup.integrations.datatrove`` and ``cleanup.integrations.spark``.

Each needs its extra: ``pip install 'cleanup[datatrove]'`` or ``'cleanup[spark]'``.
"""
