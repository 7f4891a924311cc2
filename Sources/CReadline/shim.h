// GNU readline (Debian's libreadline-dev) for the interactive shell: line editing, history,
// completion. stdio.h first: readline.h uses FILE without including it.
//
// Readline is configured through global variables, which Swift's strict concurrency will not
// touch directly; these inline accessors are the shell's only way to them, always from its one
// input thread.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Readline set up for the shell: its name (for ~/.inputrc), no signal handlers of its own
/// (the shell handles SIGINT), SQL word breaks and a completion hook.
static inline void strata_readline_setup(const char *name, const char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_attempted_completion_function = complete;
}

/// A hook that gives the word-break characters for the line being edited (file names after
/// .read must not break at "/" or "-", SQL words must).
static inline void strata_readline_word_break_hook(rl_cpvfunc_t *hook) { rl_completion_word_break_hook = hook; }

/// History entries may hold line breaks (a statement typed over several lines is one entry):
/// the file marks where each starts with a timestamp line, and lines between marks are joined.
static inline void strata_history_multiline(void) {
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    history_comment_char = '#';
}

/// The line being edited (for completion: the text before the word).
static inline const char *strata_readline_line_buffer(void) { return rl_line_buffer; }

/// 1: the completion hook's answer is final; 0: readline falls back to file names.
static inline void strata_readline_completion_over(int over) { rl_attempted_completion_over = over; }

/// The newest history entry's text, or NULL.
static inline const char *strata_history_last(void) {
    HIST_ENTRY *e = history_get(history_base + history_length - 1);
    return e ? e->line : NULL;
}
