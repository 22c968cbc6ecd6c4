from typing import List, Dict, Optional
def f(xs: List[int], d: Dict[str, int] = None) -> Optional[int]:
    return len(xs)
print(f([1, 2]))
