using System.Collections;

namespace AkkaZk.Config;

// Settings are records compared by value (a zoo.cfg and its HOCON rendering must give equal settings), so their
// collections compare element by element instead of by reference.

/// <summary>An immutable list that compares by its elements, in order.</summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public ValueList(IEnumerable<T> items) => this.items = items.ToArray();

    public static ValueList<T> Empty { get; } = new([]);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other.items);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>An immutable set (ordinal strings or any comparable) that compares by membership.</summary>
public sealed class ValueSet<T> : IReadOnlySet<T>, IEquatable<ValueSet<T>>
    where T : notnull
{
    private readonly SortedSet<T> items;

    public ValueSet(IEnumerable<T> items, IComparer<T>? comparer = null) =>
        this.items = new SortedSet<T>(items, comparer ?? OrdinalComparer.For<T>());

    public int Count => items.Count;

    public bool Contains(T item) => items.Contains(item);

    public bool IsProperSubsetOf(IEnumerable<T> other) => items.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<T> other) => items.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<T> other) => items.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<T> other) => items.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<T> other) => items.Overlaps(other);

    public bool SetEquals(IEnumerable<T> other) => items.SetEquals(other);

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueSet<T>? other) => other is not null && items.SetEquals(other.items);

    public override bool Equals(object? obj) => obj is ValueSet<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", items) + "}";
}

/// <summary>An immutable dictionary, enumerated in key order, that compares by its entries.</summary>
public sealed class ValueMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<ValueMap<TKey, TValue>>
    where TKey : notnull
{
    private readonly SortedDictionary<TKey, TValue> items;

    public ValueMap(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        this.items = new SortedDictionary<TKey, TValue>(OrdinalComparer.For<TKey>());
        foreach (var (key, value) in items)
        {
            this.items[key] = value;
        }
    }

    public static ValueMap<TKey, TValue> Empty { get; } = new([]);

    public int Count => items.Count;

    public TValue this[TKey key] => items[key];

    public IEnumerable<TKey> Keys => items.Keys;

    public IEnumerable<TValue> Values => items.Values;

    public bool ContainsKey(TKey key) => items.ContainsKey(key);

    public bool TryGetValue(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value) =>
        items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueMap<TKey, TValue>? other) =>
        other is not null && items.Count == other.items.Count && items.All(kv =>
            other.items.TryGetValue(kv.Key, out var v) && EqualityComparer<TValue>.Default.Equals(kv.Value, v));

    public override bool Equals(object? obj) => obj is ValueMap<TKey, TValue> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in items)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", items.Select(kv => $"{kv.Key}={kv.Value}")) + "}";
}

internal static class OrdinalComparer
{
    // Keys are config names: order them by code point, never by culture.
    public static IComparer<T> For<T>() =>
        typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default;
}

/// <summary>Wraps any collection into its value-equal form.</summary>
public static class ValueCollection
{
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => items as ValueList<T> ?? new ValueList<T>(items);

    public static ValueSet<string> ToValueSet(this IEnumerable<string> items) =>
        items as ValueSet<string> ?? new ValueSet<string>(items, StringComparer.Ordinal);

    public static ValueMap<TKey, TValue> ToValueMap<TKey, TValue>(this IEnumerable<KeyValuePair<TKey, TValue>> items)
        where TKey : notnull =>
        items as ValueMap<TKey, TValue> ?? new ValueMap<TKey, TValue>(items);
}
