print("running imp_pkg/__init__.py as", __name__, "in package", __package__)
VALUE = 1
__all__ = ["alpha", "VALUE"]
