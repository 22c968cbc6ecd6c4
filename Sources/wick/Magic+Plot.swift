import Bindings
import Foundation
import Plot
import Script

/// `%plot`: the current pyplot figure drawn in the terminal, as `plt.show()` draws it
/// (`WICK_PLOT` chooses text art or sixel), without closing it; after `plt.show()` or
/// `plt.close()` the figure that was current at the end of an earlier input.
extension Magics {
    /// Remembers the current figure (called after each input and cell), so `%plot` can redraw it once closed.
    func noteFigure() {
        if let figure = session.perform({ PyplotBindings.state?.current }) { lastFigure = figure }
    }

    func plot() {
        let remembered = lastFigure
        let drawing: Swift.Result<String, Error>? = session.perform {
            let state = PyplotBindings.state
            guard let figure = state?.current ?? state?.figures.last ?? remembered else { return nil }
            return Swift.Result { try figure.terminalRendering(.fromEnvironment()) }
        }
        switch drawing {
        case nil:
            REPLOutput.err("No figure to draw: make one with matplotlib.pyplot (plt.plot(...)) first; plt.show() and plt.close() close figures.\n")
        case .success(let text):
            if text.isEmpty {
                REPLOutput.err("Nothing drawn: gnuplot is missing or WICK_PLOT=none.\n")
            } else {
                REPLOutput.out(text.hasSuffix("\n") ? text : text + "\n")
            }
        case .failure(let error):
            REPLOutput.err("\(error)\n")
        }
    }
}
