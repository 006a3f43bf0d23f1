"""Shell completion: scripts for bash/zsh/fish and the candidates they ask ortui for."""
