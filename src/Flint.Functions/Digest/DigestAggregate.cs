using System.Runtime.InteropServices;

namespace Flint.Functions.Digest;

/// <summary>
/// The running totals of a digest. Not thread-safe: give each reader its own and <see cref="Merge"/>
/// them. Every part is a sum or a complete count map, so merging is exact and order-independent.
/// </summary>
internal sealed class DigestAggregate
{
    /// <summary>How many of the most frequent paths and users a report lists.</summary>
    public const int TopCount = 10;

    /// <summary>What an absent or empty <c>user</c> is counted as.</summary>
    public const string AnonymousUser = "-";

    private readonly long[] statusClasses = new long[5];
    private readonly Dictionary<string, long> paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> pathLookup;
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> userLookup;

    // The span reader's counts, keyed by UTF-8 bytes; folded into the dictionaries whenever they are read.
    private readonly Utf8KeyCounts pathBytes = new();
    private readonly Utf8KeyCounts userBytes = new();

    public DigestAggregate()
    {
        pathLookup = paths.GetAlternateLookup<ReadOnlySpan<char>>();
        userLookup = users.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Objects read.</summary>
    public int Objects { get; private set; }

    /// <summary>Valid records counted.</summary>
    public long Requests { get; private set; }

    /// <summary>Lines that were not JSON records, plus records with a missing or out-of-range field.</summary>
    public long Malformed { get; private set; }

    /// <summary>Sum of <c>bytes</c>.</summary>
    public long Bytes { get; private set; }

    /// <summary>Latencies of the valid records.</summary>
    public LatencyHistogram Latency { get; private set; } = new();

    /// <summary>Requests by status class: index 0 is 1xx, 4 is 5xx.</summary>
    public ReadOnlySpan<long> StatusClasses => statusClasses;

    /// <summary>Requests by normalised path (complete).</summary>
    public IReadOnlyDictionary<string, long> Paths
    {
        get
        {
            pathBytes.FlushInto(paths);
            return paths;
        }
    }

    /// <summary>Requests by user (complete).</summary>
    public IReadOnlyDictionary<string, long> Users
    {
        get
        {
            userBytes.FlushInto(users);
            return users;
        }
    }

    /// <summary>Counts one record, or one malformed line when it is not valid.</summary>
    public void Add(AccessLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.IsValid)
        {
            Malformed++;
            return;
        }

        var path = record.Path.AsSpan();
        Span<char> route = path.Length <= 512 ? stackalloc char[path.Length * 4] : new char[path.Length * 4];
        var length = PathNormalizer.Normalize(path, route);
        AddValid(record.Status, record.Bytes, record.LatencyMs, route[..length], string.IsNullOrEmpty(record.User) ? AnonymousUser : record.User);
    }

    /// <summary>Counts one valid record given its normalised route; strings are created only for new routes and users.</summary>
    internal void AddValid(int status, long bytes, double latencyMs, ReadOnlySpan<char> route, ReadOnlySpan<char> user) =>
        AddValidMicros(status, bytes, (long)Math.Round(latencyMs * 1000.0), route, user);

    /// <summary>As above with the latency already rounded to whole microseconds.</summary>
    internal void AddValidMicros(int status, long bytes, long latencyMicros, ReadOnlySpan<char> route, ReadOnlySpan<char> user)
    {
        Requests++;
        statusClasses[(status / 100) - 1]++;
        Bytes += bytes;
        Latency.RecordMicros(latencyMicros);
        CollectionsMarshal.GetValueRefOrAddDefault(pathLookup, route, out _)++;
        CollectionsMarshal.GetValueRefOrAddDefault(userLookup, user, out _)++;
    }

    /// <summary>
    /// Counts one valid record given its normalised route and user as UTF-8 (valid, unescaped; an empty user is
    /// <see cref="AnonymousUser"/>) and its latency in whole microseconds (already checked to be in range).
    /// </summary>
    internal void AddValidUtf8(int status, long bytes, long latencyMicros, ReadOnlySpan<byte> route, ReadOnlySpan<byte> user)
    {
        Requests++;
        statusClasses[(status / 100) - 1]++;
        Bytes += bytes;
        Latency.RecordMicros(latencyMicros);
        pathBytes.Increment(route);
        userBytes.Increment(user.IsEmpty ? "-"u8 : user);
    }

    /// <summary>Counts lines the reader could not parse.</summary>
    public void AddMalformed(long lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        Malformed += lines;
    }

    /// <summary>Counts one object as read.</summary>
    public void AddObject() => Objects++;

    /// <summary>Adds all of <paramref name="other"/>'s totals to this one.</summary>
    public void Merge(DigestAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Objects += other.Objects;
        Requests += other.Requests;
        Malformed += other.Malformed;
        Bytes += other.Bytes;
        for (var i = 0; i < statusClasses.Length; i++)
        {
            statusClasses[i] += other.statusClasses[i];
        }

        Latency.Merge(other.Latency);
        foreach (var (path, count) in other.Paths)
        {
            Increment(paths, path, count);
        }

        foreach (var (user, count) in other.Users)
        {
            Increment(users, user, count);
        }
    }

    /// <summary>The most frequent keys, by count descending then key (ordinal), so ties are stable.</summary>
    internal static List<KeyValuePair<string, long>> Top(IReadOnlyDictionary<string, long> counts, int take)
    {
        var entries = new List<KeyValuePair<string, long>>(counts);
        entries.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        if (entries.Count > take)
        {
            entries.RemoveRange(take, entries.Count - take);
        }

        return entries;
    }

    internal void SetTotals(int objects, long requests, long malformed, long bytes, ReadOnlySpan<long> classes, LatencyHistogram latency)
    {
        Objects = objects;
        Requests = requests;
        Malformed = malformed;
        Bytes = bytes;
        classes.CopyTo(statusClasses);
        Latency = latency;
    }

    internal void AddCount(bool user, string key, long count) => Increment(user ? users : paths, key, count);

    private static void Increment(Dictionary<string, long> counts, string key, long by)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += by;
    }
}
