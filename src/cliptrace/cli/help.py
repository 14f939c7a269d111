"""`--help` as Click and earlier Typer releases print it: `Usage: cliptrace ingest [OPTIONS] PATHS...`,
`--db TEXT`, `--limit INTEGER`, `--kind [direct|indirect|mixed]`, and no type on a flag.

Typer 0.29 prints `{paths}...` in the usage line, `paths... <list[Path]>` among the arguments, and
a Python type tag on every parameter (`<str>`, and `<bool>` on every flag, `--help` included), and
offers no setting to turn that off. Its command and group classes can be replaced (`cls=`), and the parameter classes are
what render those tags, so `CliptraceTyper` makes every command it registers give its parameters
the two small subclasses below, which render the familiar metavars instead (also in the errors:
"Missing argument 'PATHS...'", and a bad choice without pydantic's "Value error, " before it).
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

_CLICK_NAMES = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "Path": "PATH", "bool": "BOOLEAN"}


def _type_name(param: TyperArgument | TyperOption) -> str:
    """The Click name of a parameter's value type: TEXT, INTEGER, PATH, [a|b|c]."""
    desc = param.type_descriptor
    if desc.is_choice:
        return "[" + "|".join(str(c) for c in desc.choices or ()) + "]"
    if desc.is_path:
        return "PATH"
    name = param._bare_type(desc.annotation)
    if name.startswith("list["):
        name = name[5:-1]
    return _CLICK_NAMES.get(name, name.upper())


class ClassicOption(TyperOption):
    def display_type_rich(self, ctx: typer.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or _type_name(self)

    def process_value(self, ctx: typer.Context, value: Any) -> Any:
        try:
            return super().process_value(ctx, value)
        except typer.BadParameter as exc:  # Typer passes on pydantic's "Value error, " before the reason
            exc.message = exc.message.removeprefix("Value error, ")
            raise


class ClassicArgument(TyperArgument):
    def _metavar(self) -> str:
        return (self.metavar or self.name.upper()) + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return None  # the metavar is the argument's name in the help (`PATHS...`), said once

    def _rich_display_name(self) -> str:
        return self._metavar()

    def _usage_display_name(self) -> str:
        return self._metavar() if self.required else f"[{self._metavar()}]"

    def get_error_hint(self) -> str:
        return f"'{self._metavar()}'"  # "Missing argument 'PATHS...'", as in the usage line


def _classic(params: list[Any]) -> list[Any]:
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = ClassicOption
        elif type(param) is TyperArgument:
            param.__class__ = ClassicArgument
    return params


class ClassicCommand(TyperCommand):
    def get_params(self, ctx: typer.Context) -> list[Any]:
        return _classic(super().get_params(ctx))


class ClassicGroup(TyperGroup):
    def get_params(self, ctx: typer.Context) -> list[Any]:
        return _classic(super().get_params(ctx))


class CliptraceTyper(typer.Typer):
    """A Typer app whose commands and sub-apps print the classic help (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=ClassicGroup, **kwargs)

    def command(self, *args: Any, cls: type[TyperCommand] = ClassicCommand, **kwargs: Any):
        return super().command(*args, cls=cls, **kwargs)
