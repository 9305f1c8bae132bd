using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Flint.Functions.Digest;

/// <summary>
/// Counts keyed by their UTF-8 bytes (valid UTF-8), so the digest's hot path hashes and compares the JSON's own
/// bytes and never transcodes them. An open-addressing table (linear probing, power-of-two size, at most half full);
/// keys live in one growing byte arena, and each key's string is made once, when the key is first seen.
/// Counts are pending until <see cref="FlushInto"/> adds them to a string-keyed dictionary.
/// </summary>
internal sealed class Utf8KeyCounts
{
    // Per-process seed: generated log lines cannot be crafted offline to collide.
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private int[] slots;                 // entry index + 1; 0 = empty
    private Entry[] entries = new Entry[8];
    private byte[] arena = new byte[256];
    private int arenaUsed;

    public Utf8KeyCounts(int capacity = 16)
    {
        slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 4) * 2)];
    }

    /// <summary>Distinct keys seen.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one to <paramref name="key"/>'s pending count; returns its string (made on first sight).</summary>
    public string Increment(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var index = slots[slot] - 1;
            if (index < 0)
            {
                break;
            }

            ref var entry = ref entries[index];
            if (entry.Hash == hash && arena.AsSpan(entry.Offset, entry.Length).SequenceEqual(key))
            {
                entry.Pending++;
                return entry.Key;
            }

            slot = (slot + 1) & mask;
        }

        return Insert(key, hash, slot);
    }

    /// <summary>Adds every pending count to <paramref name="counts"/> and clears them.</summary>
    public void FlushInto(Dictionary<string, long> counts)
    {
        for (var i = 0; i < Count; i++)
        {
            ref var entry = ref entries[i];
            if (entry.Pending != 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, entry.Key, out _) += entry.Pending;
                entry.Pending = 0;
            }
        }
    }

    /// <summary>A seeded 64-bit multiply-rotate hash over 8-byte words (keys are short: paths, user names).</summary>
    internal static uint Hash(ReadOnlySpan<byte> key)
    {
        var h = Seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        while (key.Length >= 8)
        {
            h = Mix(h, BinaryPrimitives.ReadUInt64LittleEndian(key));
            key = key[8..];
        }

        if (key.Length > 0)
        {
            ulong tail = 0;
            for (var i = 0; i < key.Length; i++)
            {
                tail |= (ulong)key[i] << (8 * i);
            }

            h = Mix(h, tail);
        }

        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (uint)h;
    }

    private static ulong Mix(ulong h, ulong word) => BitOperations.RotateLeft((h ^ word) * 0x94D049BB133111EBUL, 27);

    private string Insert(ReadOnlySpan<byte> key, uint hash, int slot)
    {
        if (arenaUsed + key.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaUsed + key.Length));
        }

        key.CopyTo(arena.AsSpan(arenaUsed));
        if (Count == entries.Length)
        {
            Array.Resize(ref entries, entries.Length * 2);
        }

        var text = Encoding.UTF8.GetString(key);
        entries[Count] = new Entry { Hash = hash, Offset = arenaUsed, Length = key.Length, Pending = 1, Key = text };
        arenaUsed += key.Length;
        slots[slot] = ++Count;
        if (Count * 2 > slots.Length)
        {
            Grow();
        }

        return text;
    }

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        var mask = slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var slot = (int)entries[i].Hash & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = i + 1;
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Entry
    {
        public uint Hash;
        public int Offset;
        public int Length;
        public long Pending;
        public string Key;
    }
}
