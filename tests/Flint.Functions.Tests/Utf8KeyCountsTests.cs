using System.Text;
using CsCheck;
using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class Utf8KeyCountsTests
{
    private static Dictionary<string, long> Flushed(Utf8KeyCounts counts)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        counts.FlushInto(result);
        return result;
    }

    [Fact]
    public void Counts_equal_a_string_dictionary_over_many_keys_with_growth_and_probe_chains()
    {
        // 60,000 distinct keys from a table that starts with 32 slots: it grows many times, linear-probe chains
        // are common, and with 32-bit hashes a few full-hash collisions are likely (they are told apart by bytes).
        var counts = new Utf8KeyCounts();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var key = $"/k/{random.Next(60_000)}";
            counts.Increment(Encoding.UTF8.GetBytes(key));
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(expected.Count, counts.Count);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), Flushed(counts).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_that_differ_only_in_length_or_in_their_last_byte_stay_apart()
    {
        var counts = new Utf8KeyCounts();
        string[] keys = ["", "a", "a\0", "aaaaaaa", "aaaaaaaa", "aaaaaaaaa", "aaaaaaab", "aaaaaaaab", "é", "e\u0301"];
        foreach (var key in keys)
        {
            counts.Increment(Encoding.UTF8.GetBytes(key));
        }

        counts.Increment("aaaaaaaa"u8);
        var flushed = Flushed(counts);
        Assert.Equal(keys.Length, flushed.Count);
        Assert.Equal(2, flushed["aaaaaaaa"]);
        Assert.All(keys.Where(k => k != "aaaaaaaa"), k => Assert.Equal(1, flushed[k]));
    }

    [Fact]
    public void A_flush_moves_pending_counts_once_and_later_increments_add_to_them()
    {
        var counts = new Utf8KeyCounts();
        var target = new Dictionary<string, long>(StringComparer.Ordinal) { ["/a"] = 10 };
        counts.Increment("/a"u8);
        counts.Increment("/b"u8);
        counts.FlushInto(target);
        counts.FlushInto(target);
        counts.Increment("/a"u8);
        counts.FlushInto(target);
        Assert.Equal(12, target["/a"]);
        Assert.Equal(1, target["/b"]);
    }

    [Fact]
    public void The_string_of_a_key_is_made_once()
    {
        var counts = new Utf8KeyCounts();
        var first = counts.Increment("/users/{id}"u8);
        Assert.Same(first, counts.Increment("/users/{id}"u8));
        Assert.Equal("/users/{id}", first);
    }

    [Fact]
    public void Any_sequence_of_utf8_keys_counts_like_a_dictionary()
    {
        var key = Gen.OneOf(
            Gen.String[Gen.Char["a/{}09é€"], 0, 24],
            Gen.Int[0, 40].Select(i => $"/users/{i}"));
        key.Array[0, 300].Sample(keys =>
        {
            var counts = new Utf8KeyCounts(capacity: 4);
            foreach (var k in keys)
            {
                counts.Increment(Encoding.UTF8.GetBytes(k));
            }

            var expected = keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
            var actual = Flushed(counts);
            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected, p => Assert.Equal(p.Value, actual[p.Key]));
        }, iter: 300);
    }
}
