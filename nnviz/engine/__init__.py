"""The NumPy engine: pure NumPy, never imports a UI library."""

from .activations import ACTIVATIONS, Activation, get_activation
from .backprop import BatchRun, gradients, run_batch
from .batches import BatchPlan
from .config import TrainingConfig
from .gradcheck import gradcheck
from .losses import LOSSES, LOSS_OUTPUTS, get_loss
from .network import INITS, Layer, Network, build_network
from .step import PHASES, PHASE_ARRAYS, Step
from .training import LossHistory, TrainResult, train

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation", "BatchRun", "gradients", "run_batch",
    "BatchPlan", "TrainingConfig", "gradcheck", "LOSSES", "LOSS_OUTPUTS", "get_loss",
    "INITS", "Layer", "Network", "build_network", "PHASES", "PHASE_ARRAYS", "Step",
    "LossHistory", "TrainResult", "train",
]
