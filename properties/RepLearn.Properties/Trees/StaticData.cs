using System.Collections;
using System.Reflection;
using RepLearn.Functional.Tensors;

namespace RepLearn.Properties.Trees;

/// <summary>
/// Structural equality of two trees' non-leaf data — runtime types, list lengths, enums and other static fields,
/// counts — read from the records' fields by reflection, so that the tree laws can say "== t" of everything a
/// tree holds, not only its leaves (record equality cannot: tensors and ImmutableArrays compare by reference).
/// Tensors are skipped here; the laws compare them bit for bit.
/// </summary>
public static class StaticData
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> agree on everything but their tensors' values.</summary>
    public static bool Same(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.GetType() != b.GetType()) return false;
        if (a is Tensor) return true;
        if (a is IEnumerable xs && b is IEnumerable ys && a is not string)
        {
            var la = xs.Cast<object?>().ToList();
            var lb = ys.Cast<object?>().ToList();
            return la.Count == lb.Count && la.Zip(lb).All(p => Same(p.First, p.Second));
        }
        var type = a.GetType();
        if (type.IsPrimitive || type.IsEnum || a is string || a is decimal) return a.Equals(b);
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (!Same(field.GetValue(a), field.GetValue(b)))
                    return false;
        return true;
    }
}
