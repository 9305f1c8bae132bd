using System.Buffers.Binary;
using System.Text;

namespace Flint.Cli.Elf;

/// <summary>What <c>flint verify</c> needs to know about a 64-bit little-endian ELF file, read from its bytes.</summary>
/// <param name="Machine">e_machine: 62 for x86-64, 183 for AArch64.</param>
/// <param name="Type">e_type: 2 for an executable, 3 for a position-independent executable or shared object.</param>
/// <param name="SectionNames">Names of the sections, in order.</param>
/// <param name="Needed">DT_NEEDED entries of the dynamic section: the shared libraries the loader must find.</param>
/// <param name="VersionNeeds">Symbol versions needed from other files (.gnu.version_r), with the dynamic symbols that need them.</param>
internal sealed record ElfFile(
    ushort Machine,
    ushort Type,
    IReadOnlyList<string> SectionNames,
    IReadOnlyList<string> Needed,
    IReadOnlyList<VersionNeed> VersionNeeds)
{
    public const ushort MachineX86_64 = 62;
    public const ushort MachineAarch64 = 183;

    /// <summary>Stripped: there is no <c>.symtab</c> (the static symbol table; <c>.dynsym</c> always stays).</summary>
    public bool IsStripped => !SectionNames.Contains(".symtab");

    /// <summary>Parses <paramref name="bytes"/>.</summary>
    /// <exception cref="ElfFormatException">Not an ELF file, not 64-bit little-endian, or a table points outside the file.</exception>
    public static ElfFile Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 64 || !bytes[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new ElfFormatException("not an ELF file (no \\x7fELF magic)");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new ElfFormatException($"not a 64-bit little-endian ELF file (class {bytes[4]}, data {bytes[5]})");
        }

        var type = U16(bytes, 16);
        var machine = U16(bytes, 18);
        var sectionOffset = U64(bytes, 40);
        var sectionEntrySize = U16(bytes, 58);
        var sectionCount = U16(bytes, 60);
        var namesIndex = U16(bytes, 62);
        if (sectionCount == 0)
        {
            throw new ElfFormatException("no section headers: cannot read its dynamic section or symbol versions");
        }

        if (sectionEntrySize < 64)
        {
            throw new ElfFormatException($"section header size {sectionEntrySize} is below 64");
        }

        var sections = new Section[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            var header = Slice(bytes, sectionOffset + ((ulong)i * sectionEntrySize), 64, "section header");
            sections[i] = new Section(U32(header, 0), U32(header, 4), U64(header, 24), U64(header, 32), U32(header, 40), U32(header, 44));
        }

        if (namesIndex >= sectionCount)
        {
            throw new ElfFormatException($"section name table index {namesIndex} is out of range");
        }

        var sectionNameTable = sections[namesIndex].Data(bytes);
        var names = new string[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            names[i] = CString(sectionNameTable, sections[i].Name);
        }

        return new ElfFile(machine, type, names, ReadNeeded(bytes, sections), VersionNeedReader.Read(bytes, sections));
    }

    private static List<string> ReadNeeded(ReadOnlySpan<byte> bytes, Section[] sections)
    {
        var needed = new List<string>();
        foreach (var dynamic in sections.Where(s => s.Type == SectionTypes.Dynamic))
        {
            var strings = sections[(int)dynamic.Link].Data(bytes);
            var data = dynamic.Data(bytes);
            for (var offset = 0; offset + 16 <= data.Length; offset += 16)
            {
                var tag = BinaryPrimitives.ReadInt64LittleEndian(data[offset..]);
                if (tag == 0)
                {
                    break; // DT_NULL
                }

                if (tag == 1)
                {
                    needed.Add(CString(strings, BinaryPrimitives.ReadUInt64LittleEndian(data[(offset + 8)..])));
                }
            }
        }

        return needed;
    }

    internal static ushort U16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);

    internal static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    internal static ulong U64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);

    internal static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> bytes, ulong offset, ulong length, string what)
    {
        if (offset > (ulong)bytes.Length || length > (ulong)bytes.Length - offset)
        {
            throw new ElfFormatException($"{what} at offset {offset} (+{length} bytes) lies outside the {bytes.Length}-byte file");
        }

        return bytes.Slice((int)offset, (int)length);
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of a string table.</summary>
    internal static string CString(ReadOnlySpan<byte> table, ulong offset)
    {
        if (offset >= (ulong)table.Length)
        {
            throw new ElfFormatException($"string offset {offset} lies outside its {table.Length}-byte string table");
        }

        var rest = table[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
    }
}

/// <summary>A version needed from a shared library, e.g. <c>GLIBC_2.34</c> from <c>libc.so.6</c>.</summary>
/// <param name="File">The library (vn_file).</param>
/// <param name="Version">The version name (vna_name).</param>
/// <param name="Symbols">Dynamic symbols bound to this version (from .gnu.version), at most a few.</param>
internal sealed record VersionNeed(string File, string Version, IReadOnlyList<string> Symbols);

/// <summary>A file that is not an ELF file Flint can read, with the reason.</summary>
internal sealed class ElfFormatException(string message) : Exception(message);

/// <summary>The section types read here (elf.h).</summary>
internal static class SectionTypes
{
    public const uint Dynamic = 6;
    public const uint DynSym = 11;
    public const uint GnuVersionNeed = 0x6ffffffe;
    public const uint GnuVersionSymbols = 0x6fffffff;
}

/// <summary>One section header: name offset, type, file offset and size, and the link/info fields.</summary>
internal readonly record struct Section(uint Name, uint Type, ulong Offset, ulong Size, uint Link, uint Info)
{
    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> file) =>
        Type == 8 ? ReadOnlySpan<byte>.Empty : ElfFile.Slice(file, Offset, Size, "section"); // SHT_NOBITS has no bytes in the file.
}
