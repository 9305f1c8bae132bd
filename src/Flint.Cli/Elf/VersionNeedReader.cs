namespace Flint.Cli.Elf;

/// <summary>
/// Reads <c>.gnu.version_r</c> (Elf64_Verneed entries, each with a chain of Elf64_Vernaux) and, through
/// <c>.gnu.version</c> and <c>.dynsym</c>, the symbols that need each version.
/// </summary>
internal static class VersionNeedReader
{
    private const int SymbolsPerVersion = 3;

    public static List<VersionNeed> Read(ReadOnlySpan<byte> bytes, Section[] sections)
    {
        var needs = new List<(string File, string Version, ushort Index)>();
        foreach (var section in sections.Where(s => s.Type == SectionTypes.GnuVersionNeed))
        {
            var strings = Linked(bytes, sections, section);
            var data = section.Data(bytes);
            var offset = 0;
            for (var entry = 0; entry < section.Info; entry++)
            {
                var need = ElfFile.Slice(data, (ulong)offset, 16, "version need entry");
                var count = ElfFile.U16(need, 2);
                var file = ElfFile.CString(strings, ElfFile.U32(need, 4));
                var auxOffset = offset + (int)ElfFile.U32(need, 8);
                for (var aux = 0; aux < count; aux++)
                {
                    var vernaux = ElfFile.Slice(data, (ulong)auxOffset, 16, "version need aux entry");
                    needs.Add((file, ElfFile.CString(strings, ElfFile.U32(vernaux, 8)), (ushort)(ElfFile.U16(vernaux, 6) & 0x7fff)));
                    auxOffset += (int)ElfFile.U32(vernaux, 12);
                }

                var next = ElfFile.U32(need, 12);
                if (next == 0)
                {
                    break;
                }

                offset += (int)next;
            }
        }

        var symbols = SymbolsByVersionIndex(bytes, sections);
        return needs
            .Select(n => new VersionNeed(n.File, n.Version, symbols.TryGetValue(n.Index, out var names) ? names : []))
            .ToList();
    }

    private static Dictionary<ushort, List<string>> SymbolsByVersionIndex(ReadOnlySpan<byte> bytes, Section[] sections)
    {
        var result = new Dictionary<ushort, List<string>>();
        var versions = sections.FirstOrDefault(s => s.Type == SectionTypes.GnuVersionSymbols);
        if (versions.Type == 0 || versions.Link >= sections.Length)
        {
            return result;
        }

        var dynsym = sections[versions.Link];
        var strings = Linked(bytes, sections, dynsym);
        var symbolData = dynsym.Data(bytes);
        var versionData = versions.Data(bytes);
        var count = Math.Min(versionData.Length / 2, symbolData.Length / 24);
        for (var i = 1; i < count; i++)
        {
            var index = (ushort)(ElfFile.U16(versionData, i * 2) & 0x7fff);
            if (index < 2)
            {
                continue; // local or global: no version needed
            }

            if (!result.TryGetValue(index, out var names))
            {
                result[index] = names = [];
            }

            if (names.Count < SymbolsPerVersion)
            {
                names.Add(ElfFile.CString(strings, ElfFile.U32(symbolData, i * 24)));
            }
        }

        return result;
    }

    private static ReadOnlySpan<byte> Linked(ReadOnlySpan<byte> bytes, Section[] sections, Section section) =>
        section.Link < sections.Length
            ? sections[section.Link].Data(bytes)
            : throw new ElfFormatException($"section link {section.Link} is out of range");
}
