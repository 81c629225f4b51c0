namespace RepLearn.Functional.Tensors;

/// <summary>
/// How many rows of a register tile are live, as a type, so that a ragged tile (the last MR-row sliver of a block with
/// m not a multiple of MR) is compiled with its dead rows' multiply-adds and stores removed instead of computed and
/// thrown away (m = 128 with MR = 6 computed 132 rows).
/// </summary>
internal interface IRowCount
{
    /// <summary>Live rows; rows at or past it are skipped.</summary>
    static abstract int Count { get; }
}

/// <summary>Every row of the tile.</summary>
internal readonly struct AllRows : IRowCount { public static int Count => int.MaxValue; }

internal readonly struct Rows1 : IRowCount { public static int Count => 1; }
internal readonly struct Rows2 : IRowCount { public static int Count => 2; }
internal readonly struct Rows3 : IRowCount { public static int Count => 3; }
internal readonly struct Rows4 : IRowCount { public static int Count => 4; }
internal readonly struct Rows5 : IRowCount { public static int Count => 5; }
internal readonly struct Rows6 : IRowCount { public static int Count => 6; }
internal readonly struct Rows7 : IRowCount { public static int Count => 7; }
internal readonly struct Rows8 : IRowCount { public static int Count => 8; }
internal readonly struct Rows9 : IRowCount { public static int Count => 9; }
internal readonly struct Rows10 : IRowCount { public static int Count => 10; }
internal readonly struct Rows11 : IRowCount { public static int Count => 11; }
