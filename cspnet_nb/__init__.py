"""cspnet_nb: Cross Stage Partial networks (CSPNet) and the backbones they improve, in PyTorch."""
__version__ = "0.1.0"

from .zoo import create_model, list_models, load_pretrained, save_checkpoint
from .export import deploy
