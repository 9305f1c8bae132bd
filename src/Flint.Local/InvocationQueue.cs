namespace Flint.Local;

/// <summary>FIFO of invocations waiting for a <c>GET /next</c>; an invocation taken by a runtime that vanished goes back in front.</summary>
internal sealed class InvocationQueue
{
    private readonly LinkedList<PendingInvocation> items = new();
    private readonly SemaphoreSlim available = new(0);

    public int Count
    {
        get
        {
            lock (items)
            {
                return items.Count;
            }
        }
    }

    public void Enqueue(PendingInvocation invocation)
    {
        lock (items)
        {
            items.AddLast(invocation);
        }

        available.Release();
    }

    public void PushFront(PendingInvocation invocation)
    {
        lock (items)
        {
            items.AddFirst(invocation);
        }

        available.Release();
    }

    /// <summary>Waits for an invocation; nothing is taken when <paramref name="cancellationToken"/> fires first.</summary>
    public async Task<PendingInvocation> DequeueAsync(CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (items)
        {
            var first = items.First!.Value;
            items.RemoveFirst();
            return first;
        }
    }

    /// <summary>Takes the first invocation without waiting, if there is one.</summary>
    public PendingInvocation? TryDequeue()
    {
        if (!available.Wait(0))
        {
            return null;
        }

        lock (items)
        {
            var first = items.First!.Value;
            items.RemoveFirst();
            return first;
        }
    }
}
