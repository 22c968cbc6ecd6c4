class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name):
        super().__init__(name + " jr")
    def speak(self):
        return super().speak() + "!"
for a in [Animal("x"), Dog("rex"), Puppy("rex")]:
    print(a.describe())
print(issubclass(Puppy, Animal), isinstance(Puppy("a"), Dog), [c.__name__ for c in Puppy.__mro__])
