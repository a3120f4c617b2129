"""cspnet_nb: Cross Stage Partial networks (CSPNet) and the backbones they improve, in PyTorch."""
__version__ = "0.1.0"

from .zoo import create_model, list_models, load_pretrained, save_checkpoint, register_timm_models
# Each family module registers its model names in the zoo as it is imported. Importing them here, by name, is what fills the
# registry after any import from the package; the registry itself never imports a family (no hidden import cycle).
from . import resnet, cspstage, densenet, resnext, resnetx, peleenet  # noqa: F401  (the zoo's FAMILIES)
from .runtimes import deploy  # one entry for every runtime; runtime="torch" (the default) is `export.deploy`
from .hub import save_pretrained, push_to_hub

register_timm_models()  # the zoo names timm does not have become timm models too (timm.create_model, timm.list_models)
