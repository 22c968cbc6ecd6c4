// GNU readline and history, for the wick REPL (apt: libreadline-dev).
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
