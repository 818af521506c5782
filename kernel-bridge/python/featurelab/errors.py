"""Typed errors of the kernel helper.

Every error a user can act on carries a ``hint`` saying how to fix it, so that notebooks, the
bridge and the demo CLI can show the same advice. The bridge reports ``kind`` (the class name) to
the frontend, so renaming a class is a protocol change.
"""

from __future__ import annotations


class FeaturelabError(Exception):
    """Base class of every error raised on purpose by ``featurelab``."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        if hint is not None:
            self.hint = hint
        super().__init__(f"{message} {self.hint}" if self.hint else message)

    @property
    def kind(self) -> str:
        return type(self).__name__


class SparkNotInstalledError(FeaturelabError):
    """pyspark cannot be imported in this Python environment."""

    hint = (
        "Install the Spark extra into the kernel's environment: "
        "pip install 'jupyterlab-featurelab[spark]' (or pip install 'pyspark>=3.5,<3.6')."
    )


class JavaNotFoundError(FeaturelabError):
    """Spark needs a Java runtime and none was found."""

    hint = (
        "Install Java 17 (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: "
        "brew install openjdk@17) and make sure `java` is on PATH or JAVA_HOME is set."
    )


class SparkStartError(FeaturelabError):
    """The local Spark driver did not start."""


class WorkspaceNotFoundError(FeaturelabError):
    """The Featurelab workspace directory does not exist or cannot be found."""

    hint = (
        "Set FEATURELAB_WORKSPACE to the workspace directory, pass workspace=..., or create one "
        "with: python -m featurelab.demo --workspace DIR"
    )


class ManifestError(FeaturelabError):
    """The warehouse manifest (.featurelab/warehouse.json) is unreadable or malformed."""

    hint = "Rebuild it with: python -m featurelab.demo --workspace DIR --force"


class NoSparkSessionError(FeaturelabError):
    """The bridge was asked for data but the kernel has no active SparkSession."""

    hint = "Start one in the notebook, e.g. spark = featurelab.spark_session()."


class BadRequestError(FeaturelabError):
    """A bridge request is malformed (unknown method, missing or wrong arguments)."""


class FeaturelabWarning(UserWarning):
    """Something worked only partly (e.g. one manifest table could not be registered)."""


def first_line(exc: BaseException) -> str:
    """A one-line description of an exception (JVM errors carry whole stack traces)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
