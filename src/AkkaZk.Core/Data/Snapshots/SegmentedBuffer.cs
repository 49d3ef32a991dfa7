using System.Buffers;

namespace AkkaZk.Data.Snapshots;

/// <summary>
/// A growing byte buffer made of pooled fixed-size segments. A snapshot of a large tree is hundreds of MiB: growing
/// one array by doubling would copy it repeatedly and leave the halves as large-object garbage.
/// </summary>
public sealed class SegmentedBuffer : IBufferWriter<byte>, IDisposable
{
    private const int SegmentSize = 1 << 20;

    private readonly List<(byte[] Array, int Written)> _full = [];
    private byte[] _current = [];
    private int _written;

    public long Length { get; private set; }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _written < needed)
        {
            if (_current.Length > 0)
                _full.Add((_current, _written));
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(SegmentSize, needed));
            _written = 0;
        }
        return _current.AsMemory(_written);
    }

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _current.Length)
            throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
        Length += count;
    }

    /// <summary>Copies everything written, in order, into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
            throw new ArgumentException("destination is shorter than the buffer", nameof(destination));
        var offset = 0;
        foreach (var (array, written) in _full)
        {
            array.AsSpan(0, written).CopyTo(destination[offset..]);
            offset += written;
        }
        _current.AsSpan(0, _written).CopyTo(destination[offset..]);
    }

    public void Dispose()
    {
        foreach (var (array, _) in _full)
            ArrayPool<byte>.Shared.Return(array);
        _full.Clear();
        if (_current.Length > 0)
            ArrayPool<byte>.Shared.Return(_current);
        _current = [];
        _written = 0;
        Length = 0;
    }
}
