"""The NumPy engine: pure NumPy, never imports a UI library.

Names load their module on first use, so that a module that needs only a
plain table (nnviz.engine.mistakes) does not load NumPy with it."""

import sys
import types
from importlib import import_module

from ..lazy import lazy_names

_HOMES = {
    "ACTIVATIONS": ".activations", "Activation": ".activations", "get_activation": ".activations",
    "BatchRun": ".backprop", "gradients": ".backprop", "run_batch": ".backprop",
    "BatchPlan": ".batches", "TrainingConfig": ".config", "gradcheck": ".gradcheck",
    "LOSSES": ".losses", "LOSS_OUTPUTS": ".losses", "get_loss": ".losses",
    "INITS": ".network", "Layer": ".network", "Network": ".network", "build_network": ".network",
    "PHASES": ".step", "PHASE_ARRAYS": ".step", "Step": ".step",
    "LossHistory": ".training", "TrainResult": ".training", "train": ".training",
}
__all__ = list(_HOMES)


__getattr__ = lazy_names(__name__, globals(), _HOMES)


class _Engine(types.ModuleType):
    """The package, whose ``gradcheck`` stays the function when the submodule of the
    same name is imported (the import system would set the attribute to the module)."""

    @property
    def gradcheck(self):
        return import_module(".gradcheck", __name__).gradcheck

    @gradcheck.setter
    def gradcheck(self, submodule) -> None:
        pass


sys.modules[__name__].__class__ = _Engine
