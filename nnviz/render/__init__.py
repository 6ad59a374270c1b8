"""Text renderers shared by the CLI and the app: data and a size in, rich Text or strings out.

They lay out what the engine computed (boundary grids, evaluations,
histograms, comparisons) and compute nothing of their own beyond layout.
"""
