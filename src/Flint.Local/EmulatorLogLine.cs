namespace Flint.Local;

/// <summary>One line the emulator saw or printed for a function.</summary>
/// <param name="Function">The function's name.</param>
/// <param name="RequestId">The invocation in flight when the line arrived, if any.</param>
/// <param name="Source">Where the line came from.</param>
/// <param name="Text">The line, without its newline.</param>
public sealed record EmulatorLogLine(string Function, string? RequestId, LogSource Source, string Text);

/// <summary>Where a log line came from.</summary>
public enum LogSource
{
    /// <summary>The function process's standard output.</summary>
    StandardOutput,

    /// <summary>The function process's standard error.</summary>
    StandardError,

    /// <summary>The emulator itself: START, END, REPORT, INIT_REPORT lines.</summary>
    Platform,
}
