namespace Flint.Cli.Packaging;

/// <summary>
/// Serialises publishes of this repository across processes (tests publish the same projects at the same time and
/// would share obj/ folders): artifacts/publish.lock opened with <see cref="FileShare.None"/>, as the test helpers do.
/// </summary>
internal sealed class PublishLock : IDisposable
{
    private readonly FileStream stream;

    private PublishLock(FileStream stream) => this.stream = stream;

    public static PublishLock Acquire(string repoRoot)
    {
        var artifacts = Path.Combine(repoRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        var path = Path.Combine(artifacts, "publish.lock");
        while (true)
        {
            try
            {
                return new PublishLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
