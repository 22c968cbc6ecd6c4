import Bindings
import Foundation
import Plot
import Script

/// `%plot`: the current (or last open) pyplot figure drawn in the terminal, as `plt.show()`
/// draws it (`WICK_PLOT` chooses text art or sixel), without closing it.
extension Magics {
    func plot() {
        let drawing: Swift.Result<String, Error>? = session.perform {
            guard let state = PyplotBindings.state, let figure = state.current ?? state.figures.last else { return nil }
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
