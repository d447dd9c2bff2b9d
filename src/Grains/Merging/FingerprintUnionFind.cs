namespace Regions.Grains.Merging;

/// <summary>
/// Groups activation regions into linear regions. Each activation region is convex (its pattern fixes
/// every unit's piece, so it is an intersection of half-spaces), hence one fingerprint is one region;
/// two regions that touch along a facet with equal output maps belong to the same linear region. The
/// components do not depend on which cell reported an edge, so the count is independent of the cells.
/// </summary>
public sealed class FingerprintUnionFind
{
    private readonly Dictionary<UInt128, int> index = new();
    private readonly List<int> parent = new();
    private readonly List<byte> rank = new();
    private long components;

    public long Regions => index.Count;

    public long Components => components;

    public void Add(UInt128 fingerprint) => Find(IndexOf(fingerprint));

    public bool Contains(UInt128 fingerprint) => index.ContainsKey(fingerprint);

    public void Union(UInt128 a, UInt128 b)
    {
        var x = Find(IndexOf(a));
        var y = Find(IndexOf(b));
        if (x == y) return;
        if (rank[x] < rank[y]) (x, y) = (y, x);
        parent[y] = x;
        if (rank[x] == rank[y]) rank[x]++;
        components--;
    }

    private int IndexOf(UInt128 fingerprint)
    {
        if (index.TryGetValue(fingerprint, out var i)) return i;
        i = parent.Count;
        index.Add(fingerprint, i);
        parent.Add(i);
        rank.Add(0);
        components++;
        return i;
    }

    private int Find(int i)
    {
        var root = i;
        while (parent[root] != root) root = parent[root];
        // Path compression keeps later finds near constant time.
        while (parent[i] != root)
        {
            var next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }
}
