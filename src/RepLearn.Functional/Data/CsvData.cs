namespace RepLearn.Functional.Data;

/// <summary>
/// A numeric table read by <see cref="Csv"/>: n rows of d features (the label column removed) and,
/// when a label column was named, the n labels. The labels are an <see cref="ImmutableArray{T}"/>,
/// and <see cref="Csv"/> backs the feature names with one too, so the values it returns cannot be changed.
/// </summary>
/// <param name="Features">n x d, row i from the i-th data line.</param>
/// <param name="Labels">n non-negative integer labels, or null when no label column was requested.</param>
/// <param name="FeatureNames">The d header names of the feature columns, or null when the file has no header.</param>
public sealed record CsvData(Tensor Features, ImmutableArray<int>? Labels, IReadOnlyList<string>? FeatureNames);
