export const PRODUCTS = [
  { id: 'p-1', name: 'Espresso beans, 1 kg', price: 24.5 },
  { id: 'p-2', name: 'Pour-over kettle', price: 39 },
  { id: 'p-3', name: 'Ceramic mug', price: 12.75 },
  { id: 'p-4', name: 'Hand grinder', price: 65 },
];
