namespace Regions.Kernel.Exact;

/// <summary>
/// The faces of a convex polytope of any dimension from its vertex-constraint incidence alone (no coordinates):
/// each constraint is valid on the polytope, so the vertices tight on it span a face, and every face is an
/// intersection of facets. The facets of a face F are the maximal sets F ∩ S among the constraints' vertex sets S
/// (every facet of F is F meeting some facet of the polytope, and a smaller F ∩ S lies in one of those), so walking
/// from the polytope to its facets, their facets and so on meets every face once per dimension: faces are deduplicated
/// by vertex set within a dimension, and only two dimensions are held at a time. Whatever the incidence, each set
/// returned is some of the polytope's vertices, whose hull's relative interior lies in the closed polytope: a pattern
/// read from it is realised there, so an incidence off by rounding can miss a face but never invent one.
/// </summary>
internal static class FaceLattice
{
    /// <summary>
    /// Every nonempty proper face, as the ascending indices of its vertices: the facets first, then by falling
    /// dimension, down to the vertices, in an order fixed by the input alone.
    /// </summary>
    /// <param name="tight">Per vertex, the ids of the constraints tight there (any order).</param>
    public static List<int[]> ProperFaces(IReadOnlyList<int[]> tight) =>
        tight.Count <= 64 ? ProperFacesOnMasks(tight) : ProperFacesOnSets(tight);

    /// <summary>The walk on one word per set, for pieces of at most 64 vertices (almost all): no allocation per intersection.</summary>
    private static List<int[]> ProperFacesOnMasks(IReadOnlyList<int[]> tight)
    {
        var byId = new SortedDictionary<int, ulong>();
        for (var v = 0; v < tight.Count; v++)
        {
            foreach (var id in tight[v]) byId[id] = byId.GetValueOrDefault(id) | 1UL << v;
        }
        var constraints = byId.Values.ToArray();
        var faces = new List<int[]>();
        var level = new List<ulong> { tight.Count == 64 ? ulong.MaxValue : (1UL << tight.Count) - 1 };
        var candidates = new List<ulong>();
        var seen = new HashSet<ulong>();
        while (level.Count > 0)
        {
            var next = new List<ulong>();
            seen.Clear();
            foreach (var face in level)
            {
                candidates.Clear();
                foreach (var constraint in constraints)
                {
                    var meet = face & constraint;
                    if (meet != 0 && meet != face && !candidates.Contains(meet)) candidates.Add(meet);
                }
                foreach (var candidate in candidates)
                {
                    var maximal = true;
                    foreach (var other in candidates) maximal &= other == candidate || (candidate & ~other) != 0;
                    if (maximal && seen.Add(candidate)) next.Add(candidate);
                }
            }
            foreach (var face in next) faces.Add(Members(face));
            level = next;
        }
        return faces;
    }

    private static int[] Members(ulong set)
    {
        var members = new int[System.Numerics.BitOperations.PopCount(set)];
        var k = 0;
        for (var bits = set; bits != 0; bits &= bits - 1) members[k++] = System.Numerics.BitOperations.TrailingZeroCount(bits);
        return members;
    }

    /// <summary>The walk on bit sets of any size (tests compare it with the one on masks).</summary>
    internal static List<int[]> ProperFacesOnSets(IReadOnlyList<int[]> tight)
    {
        var vertexCount = tight.Count;
        var constraints = ConstraintSets(tight);
        var faces = new List<int[]>();
        var level = new List<VertexSet> { VertexSet.All(vertexCount) };
        while (level.Count > 0)
        {
            var next = new List<VertexSet>();
            var seen = new HashSet<VertexSet>();
            foreach (var face in level)
            {
                foreach (var facet in FacetsOf(face, constraints))
                {
                    if (seen.Add(facet)) next.Add(facet);
                }
            }
            foreach (var face in next) faces.Add(face.Members());
            level = next;
        }
        return faces;
    }

    /// <summary>Each distinct constraint's tight vertices, in ascending id order.</summary>
    private static List<VertexSet> ConstraintSets(IReadOnlyList<int[]> tight)
    {
        var byId = new SortedDictionary<int, VertexSet>();
        for (var v = 0; v < tight.Count; v++)
        {
            foreach (var id in tight[v])
            {
                if (!byId.TryGetValue(id, out var set)) byId[id] = set = VertexSet.Empty(tight.Count);
                set.Add(v);
            }
        }
        return [.. byId.Values];
    }

    /// <summary>The maximal nonempty proper subsets F ∩ S: the facets of F.</summary>
    private static List<VertexSet> FacetsOf(VertexSet face, List<VertexSet> constraints)
    {
        var candidates = new List<VertexSet>();
        foreach (var constraint in constraints)
        {
            var meet = face.Intersect(constraint);
            if (meet.IsEmpty || meet.Equals(face) || candidates.Contains(meet)) continue;
            candidates.Add(meet);
        }
        return candidates.Where(c => !candidates.Any(other => !other.Equals(c) && c.IsSubsetOf(other))).ToList();
    }

    /// <summary>A set of vertex indices as a bit set, compared and hashed by its members.</summary>
    private sealed class VertexSet : IEquatable<VertexSet>
    {
        private readonly ulong[] words;

        private VertexSet(ulong[] words) => this.words = words;

        public static VertexSet Empty(int vertexCount) => new(new ulong[(vertexCount + 63) / 64]);

        public static VertexSet All(int vertexCount)
        {
            var set = Empty(vertexCount);
            for (var v = 0; v < vertexCount; v++) set.Add(v);
            return set;
        }

        public void Add(int vertex) => words[vertex >> 6] |= 1UL << (vertex & 63);

        public bool IsEmpty => words.All(w => w == 0);

        public VertexSet Intersect(VertexSet other)
        {
            var result = new ulong[words.Length];
            for (var i = 0; i < words.Length; i++) result[i] = words[i] & other.words[i];
            return new VertexSet(result);
        }

        public bool IsSubsetOf(VertexSet other)
        {
            for (var i = 0; i < words.Length; i++)
            {
                if ((words[i] & ~other.words[i]) != 0) return false;
            }
            return true;
        }

        public int[] Members()
        {
            var members = new List<int>();
            for (var i = 0; i < words.Length; i++)
            {
                for (var bits = words[i]; bits != 0; bits &= bits - 1) members.Add(64 * i + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
            return [.. members];
        }

        public bool Equals(VertexSet? other) => other is not null && words.AsSpan().SequenceEqual(other.words);

        public override bool Equals(object? obj) => Equals(obj as VertexSet);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var w in words) hash.Add(w);
            return hash.ToHashCode();
        }
    }
}
