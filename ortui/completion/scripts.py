"""The completion scripts: each asks ``ortui __complete SHELL …`` for its candidates.

The candidates come from the parser itself, the preset files and the cached meta names, so the
scripts stay small and never go stale when ortui gains an option.
"""

from __future__ import annotations

SHELLS = ("bash", "zsh", "fish")

BASH = """\
# ortui completion for bash. Install: eval "$(ortui completion bash)" in ~/.bashrc
_ortui_complete() {
    local IFS=$'\\n'
    mapfile -t COMPREPLY < <(command ortui __complete bash "${COMP_LINE:0:COMP_POINT}" \\
        2>/dev/null)
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -F _ortui_complete ortui
"""

ZSH = """\
#compdef ortui
# ortui completion for zsh. Install: eval "$(ortui completion zsh)" in ~/.zshrc (after
# compinit), or save it as _ortui in a directory on $fpath.
_ortui() {
    local -a candidates
    candidates=("${(@f)$(command ortui __complete zsh "${(@Q)words[2,CURRENT-1]}" \\
        "${(Q)PREFIX}" 2>/dev/null)}")
    candidates=("${(@)candidates:#}")
    (( ${#candidates} )) && compadd -a candidates
}
if (( $+functions[compdef] )); then
    compdef _ortui ortui
fi
"""

FISH = """\
# ortui completion for fish. Install: ortui completion fish > ~/.config/fish/completions/ortui.fish
function __ortui_complete
    command ortui __complete fish (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null
end
complete -c ortui -f -a '(__ortui_complete)'
"""


def script(shell: str) -> str:
    """The script for ``shell`` (one of ``SHELLS``)."""
    return {"bash": BASH, "zsh": ZSH, "fish": FISH}[shell]
