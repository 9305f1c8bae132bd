using System.Text;
using System.Text.Json;

namespace Flint.Deploy.Tests.Docker;

/// <summary>One instruction, with continuation lines joined and comment lines dropped.</summary>
internal sealed record Instruction(string Keyword, string Arguments, int Line)
{
    /// <summary>
    /// The arguments of the exec (JSON array) form, or null for the shell form.
    /// </summary>
    public IReadOnlyList<string>? ExecForm()
    {
        var text = Arguments.Trim();
        if (!text.StartsWith('['))
        {
            return null;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>Leading <c>--name=value</c> flags (as on FROM and COPY) and the words after them.</summary>
    public (IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Words) FlagsAndWords()
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        foreach (var word in Arguments.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Count == 0 && word.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                flags[equals < 0 ? word[2..] : word[2..equals]] = equals < 0 ? "true" : word[(equals + 1)..];
            }
            else
            {
                words.Add(word);
            }
        }

        return (flags, words);
    }
}

/// <summary>A build stage: its FROM and the instructions up to the next FROM.</summary>
internal sealed record Stage(int Index, string Image, string? Name, string? Platform, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>ARG names declared in this stage (a global ARG is visible in a stage only once re-declared).</summary>
    public IReadOnlySet<string> ArgNames => All("ARG")
        .Select(i => i.Arguments.Split('=', 2)[0].Trim())
        .ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// A small Dockerfile reader (the subset Flint's file uses): parser directives, comments, backslash
/// continuations, global ARGs before the first FROM, and stages from <c>FROM [--platform=..] image [AS name]</c>.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyDictionary<string, string> directives, IReadOnlyList<Instruction> globalArgs, IReadOnlyList<Stage> stages)
    {
        Directives = directives;
        GlobalArgs = globalArgs;
        Stages = stages;
    }

    public IReadOnlyDictionary<string, string> Directives { get; }

    /// <summary>ARG instructions before the first FROM.</summary>
    public IReadOnlyList<Instruction> GlobalArgs { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The default of a global ARG, e.g. <c>ARG X=1</c> gives "1".</summary>
    public string? GlobalArgDefault(string name) => GlobalArgs
        .Select(a => a.Arguments.Split('=', 2))
        .Where(parts => parts[0].Trim() == name && parts.Length == 2)
        .Select(parts => parts[1].Trim().Trim('"'))
        .FirstOrDefault();

    public static Dockerfile Parse(string text)
    {
        var directives = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var instructions = new List<Instruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var inDirectives = true;
        var pending = new StringBuilder();
        var pendingLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                var directive = trimmed[1..].Split('=', 2);
                if (inDirectives && pending.Length == 0 && directive.Length == 2 && !directive[0].Trim().Contains(' ', StringComparison.Ordinal))
                {
                    directives[directive[0].Trim()] = directive[1].Trim();
                }
                else
                {
                    inDirectives = false;
                }

                continue;
            }

            inDirectives = false;
            if (pending.Length == 0 && trimmed.Length == 0)
            {
                continue;
            }

            if (pending.Length == 0)
            {
                pendingLine = i + 1;
            }

            var content = line.TrimEnd();
            if (content.EndsWith('\\'))
            {
                pending.Append(content[..^1]).Append(' ');
                continue;
            }

            pending.Append(content);
            instructions.Add(Split(pending.ToString().Trim(), pendingLine));
            pending.Clear();
        }

        if (pending.Length > 0)
        {
            instructions.Add(Split(pending.ToString().Trim(), pendingLine));
        }

        return Build(directives, instructions);
    }

    private static Instruction Split(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0
            ? new Instruction(text.ToUpperInvariant(), string.Empty, line)
            : new Instruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), line);
    }

    private static Dockerfile Build(Dictionary<string, string> directives, List<Instruction> instructions)
    {
        var globalArgs = new List<Instruction>();
        var stages = new List<Stage>();
        Instruction? from = null;
        var body = new List<Instruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (from is not null)
                {
                    stages.Add(ToStage(stages.Count, from, body));
                }

                from = instruction;
                body = [];
            }
            else if (from is null)
            {
                if (instruction.Keyword != "ARG")
                {
                    throw new FormatException($"Line {instruction.Line}: only ARG may come before the first FROM, not {instruction.Keyword}.");
                }

                globalArgs.Add(instruction);
            }
            else
            {
                body.Add(instruction);
            }
        }

        if (from is null)
        {
            throw new FormatException("A Dockerfile needs a FROM.");
        }

        stages.Add(ToStage(stages.Count, from, body));
        return new Dockerfile(directives, globalArgs, stages);
    }

    private static Stage ToStage(int index, Instruction from, List<Instruction> body)
    {
        var (flags, words) = from.FlagsAndWords();
        var name = words.Count == 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        if (words.Count is not (1 or 3) || (words.Count == 3 && name is null))
        {
            throw new FormatException($"Line {from.Line}: FROM [--platform=...] image [AS name], not '{from.Arguments}'.");
        }

        return new Stage(index, words[0], name, flags.GetValueOrDefault("platform"), body);
    }
}
