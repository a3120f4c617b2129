"""cspnet_nb: Cross Stage Partial networks (CSPNet) and the backbones they improve, in PyTorch."""
__version__ = "0.1.0"

from .zoo import create_model, list_models, load_pretrained, save_checkpoint, register_timm_models
from .export import deploy

register_timm_models()  # the zoo names timm does not have become timm models too (timm.create_model, timm.list_models)
