using System.Text;

namespace Flint.Cli.LambdaReports;

/// <summary>RFC 4180 CSV as Logs Insights exports it: quoted fields may hold commas, tabs, doubled quotes and newlines.</summary>
internal static class CsvReader
{
    /// <summary>The rows of <paramref name="text"/>, each with the 1-based line it starts on.</summary>
    public static IEnumerable<(int Line, List<string> Cells)> Rows(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    if (cells.Count > 1 || cells[0].Length > 0)
                    {
                        yield return (rowLine, cells);
                    }

                    cells = [];
                    line++;
                    rowLine = line;
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        cells.Add(cell.ToString());
        if (cells.Count > 1 || cells[0].Length > 0)
        {
            yield return (rowLine, cells);
        }
    }
}
