"""The NumPy engine: pure NumPy, never imports a UI library.

Names load their module on first use, so that a module that needs only a
plain table (nnviz.engine.mistakes) does not load NumPy with it."""

import sys
import types
from importlib import import_module

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


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'nnviz.engine' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value


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
