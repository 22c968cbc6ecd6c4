import CGnuplot

/// The figure model of `matplotlib.pyplot` and its rendering through gnuplot (PLOTS.md).
public enum Plot {
    /// Whether a `gnuplot` executable is on PATH.
    public static var gnuplotAvailable: Bool { cgnuplot_available() != 0 }
}
