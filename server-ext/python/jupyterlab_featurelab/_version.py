"""Version of the server extension and of the stdio protocol it speaks with the service."""

__version__ = "0.1.0"

#: The stdio JSON-RPC protocol revision this shim speaks; the service announces its own in
#: the ``featurelab/ready`` notification.
PROTOCOL_VERSION = 1
