"""Policy Atlas: privacy policies in any language, as a static site with stable anchors."""

__version__ = "0.1.0"
