namespace Flint.Testing;

/// <summary>An exclusive lock shared by processes: a file opened with <see cref="FileShare.None"/> (flock on Linux).</summary>
internal sealed class CrossProcessLock : IDisposable
{
    private readonly FileStream stream;

    private CrossProcessLock(FileStream stream) => this.stream = stream;

    /// <summary>Waits (polling) until the lock file can be opened exclusively.</summary>
    public static CrossProcessLock Acquire(string path)
    {
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
